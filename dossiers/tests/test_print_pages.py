"""Printed forms keep their signatures with their content: an ordinary receipt (three to five
documents, one or two fees) is one A4 page, and so is a day's register of a few dossiers."""

import re
import zlib

import pytest
import time_machine

from catalog.models import Fee, FeeUnit
from dossiers.fees import FeeCharge
from dossiers.services import ApplicantData, ChecklistItem
from dossiers.tests.test_forms import form_url, receive, register_url

pytestmark = pytest.mark.django_db

ADDRESS = "Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
DOCUMENTS = [
    "Tờ khai đăng ký khai sinh theo mẫu quy định",
    "Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp; trường hợp không có giấy chứng sinh "
    "thì nộp văn bản của người làm chứng xác nhận về việc sinh",
    "Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc "
    "đăng ký khai sinh",
    "Giấy tờ chứng minh nơi cư trú",
    "Bản sao Giấy chứng nhận kết hôn của cha mẹ trẻ",
]


@pytest.fixture
def ward(office):
    """Commune A's offices under the long names wards have: the heading takes three lines."""
    office.centre_a.name = "Trung tâm Phục vụ hành chính công Phường Hoàn Kiếm"
    office.centre_a.save()
    office.committee_a.name = "Ủy ban nhân dân Phường Hoàn Kiếm"
    office.committee_a.save()
    return office


def page_count(pdf: bytes) -> int:
    """The pages of a PDF, its object streams inflated (no PDF library in the lock)."""
    text = pdf
    # The end-of-line before "endstream" stays with the data: compressed bytes may themselves
    # end in "\r", and a decompressor object ignores whatever follows the end of its stream.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            text += zlib.decompressobj().decompress(match.group(1))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", text))


def applicant(number: int = 1) -> ApplicantData:
    return ApplicantData(
        full_name=f"Nguyễn Thị Minh Khai {number}",
        id_number="001190054321",
        phone="0912345678",
        address=ADDRESS,
        gender="Nữ",
    )


@pytest.mark.parametrize("documents", [3, 5])
def test_an_ordinary_receipt_with_two_fees_prints_on_one_page(client, ward, documents):
    office = ward
    copies = Fee.objects.create(
        version=office.version,
        name="Phí chứng thực bản sao từ bản chính",
        amount=2000,
        unit=FeeUnit.PAGE,
        tiers=[{"from": 3, "rate": 1000}],
        cap_per_copy=200_000,
        order=1,
    )
    dossier = receive(
        office,
        applicant=applicant(),
        checklist=[
            ChecklistItem(name=name, originals=1, copies=position % 2)
            for position, name in enumerate(DOCUMENTS[:documents])
        ],
        fees=[FeeCharge(fee_id=copies.pk, pages=3, count=2)],
        request_summary="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh từ Sổ hộ tịch",
    )
    assert dossier.fees.count() == 2
    client.force_login(office.alice)
    response = client.get(form_url(dossier, "01") + "?pdf=1")
    assert response.status_code == 200
    assert page_count(response.content) == 1


def test_a_day_of_three_dossiers_prints_the_register_on_one_page(client, ward):
    office = ward
    for hour in ("08:00", "09:30", "14:00"):
        with time_machine.travel(f"2026-03-02 {hour} +0700", tick=False):
            receive(office, applicant=applicant())
    client.force_login(office.alice)
    response = client.get(register_url(office, start="02/03/2026", end="02/03/2026", pdf=1))
    assert response.status_code == 200
    assert page_count(response.content) == 1

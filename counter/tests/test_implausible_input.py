"""Values that parse but cannot be right are refused at the counter with a Vietnamese message,
and nothing is received: a birth in year 1 or next year, a declaration dated year 1, text that
arrived as bytes that are not UTF-8."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from catalog.models import EFormField
from counter.tests.test_reception_page import reception_data
from dossiers.models import Dossier
from dossiers.tests.test_workspace import RECEPTION

pytestmark = pytest.mark.django_db


def tomorrow() -> str:
    return f"{timezone.localdate() + timedelta(days=1):%d/%m/%Y}"


@pytest.mark.parametrize(
    "born, message",
    [
        ("01/01/0001", "Kiểm tra lại năm: ngày trước năm 1900 không thể đúng ở đây."),
        ("31/12/1899", "Kiểm tra lại năm: ngày trước năm 1900 không thể đúng ở đây."),
        (None, "Ngày này ở tương lai."),
    ],
)
def test_an_implausible_date_of_birth_is_refused_and_nothing_received(
    client, office, born, message
):
    client.force_login(office.alice)
    data = reception_data(client, office, birth_date=born or tomorrow())
    response = client.post(RECEPTION, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors["birth_date"]
    assert not Dossier.objects.exists()


def test_a_date_of_birth_in_1900_is_accepted(client, office):
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, birth_date="01/01/1900"))
    assert response.status_code == 302


def test_a_declaration_date_in_year_1_is_refused(client, office):
    EFormField.objects.create(version=office.version, key="ngay", label="Ngày", field_type="date")
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office, **{"ef-ngay": "01/01/0001"}))
    assert response.status_code == 200
    assert "Hãy nhập ngày trong khoảng từ năm 1900 đến năm 2100." in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_declared_birth_date_follows_the_rule_for_people(client, office):
    EFormField.objects.create(
        version=office.version,
        key="ngay_sinh",
        label="Ngày sinh",
        field_type="date",
        prefill_from="applicant.birth_date",
    )
    client.force_login(office.alice)
    data = reception_data(client, office, **{"ef-ngay_sinh": tomorrow()})
    response = client.post(RECEPTION, data)
    assert "Ngày này ở tương lai." in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_form_body_that_is_not_utf8_is_refused_in_vietnamese_and_nothing_is_stored(
    client, office
):
    client.force_login(office.alice)
    body = urlencode(reception_data(client, office)) + "&address=H%E0%20N%F4i"  # Latin-1
    response = client.post(RECEPTION, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "không phải văn bản Unicode hợp lệ (UTF-8)" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_multipart_form_that_is_not_utf8_is_refused_too(client, office):
    client.force_login(office.alice)
    data = reception_data(client, office)
    data["full_name"] = "Trần Thị Bình"
    boundary = "BoUnDaRy"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in data.items()
        if name != "address"
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="address"\r\n\r\n'.encode()
        + "Hà Nội".encode("latin-1", "replace").replace(b"?", b"\xe0")
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = client.post(
        RECEPTION, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_the_incomplete_dossier_message_names_each_missing_document_whole(client, office):
    from catalog.models import RequiredDocument

    long_name = (
        "Bản sao giấy tờ chứng minh nơi cư trú của người đi đăng ký khai sinh trong trường hợp "
        "người đó không phải là cha, mẹ của trẻ, nếu có thì giấy xác nhận của Ủy ban nhân dân"
    )
    RequiredDocument.objects.create(version=office.version, name=long_name, is_mandatory=True)
    client.force_login(office.alice)
    response = client.post(RECEPTION, reception_data(client, office))
    assert response.status_code == 200
    assert long_name in response.context["form"].non_field_errors()[0]
    assert not Dossier.objects.exists()

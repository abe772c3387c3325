"""The statistics report as a page, a workbook in the provinces' layout and a signed A4 PDF."""

import re
import shutil
import subprocess
import zlib
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.statistics_layout import BREAKDOWNS

pytestmark = pytest.mark.django_db
Q1 = {"start": "01/01/2026", "end": "31/03/2026"}


def inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams appended inflated (no PDF library in the lock)."""
    text = pdf
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            text += zlib.decompressobj().decompress(match.group(1))
        except zlib.error:
            continue
    return text


def get(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:statistics"), params)


def test_the_page_shows_the_quarter_with_every_breakdown(client, quarter):
    response = get(client, quarter.ivy, **Q1)
    assert response.status_code == 200
    text = response.content.decode()
    for sheet, _label, _key in BREAKDOWNS:
        assert sheet in text
    assert "Kỳ trước chuyển qua" in text and "Trực tuyến toàn trình" in text
    total = response.context["result"].total
    assert (total.carried_over, total.received, total.resolved) == (1, 13, 10)


def test_the_workbook_has_one_sheet_per_breakdown_with_the_provinces_headers(client, quarter):
    response = get(client, quarter.ivy, xlsx=1, **Q1)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Theo cơ quan", "Theo lĩnh vực", "Theo thủ tục"]
    sheet = book["Theo cơ quan"]
    assert sheet["A1"].value.startswith("BÁO CÁO TÌNH HÌNH")
    headers = [cell.value for cell in sheet[5]]
    assert headers[:4] == ["STT", "Cơ quan", "Kỳ trước chuyển qua", "Tiếp nhận mới trong kỳ"]
    assert [cell.value for cell in sheet[6]][3:7] == [
        "Trực tiếp",
        "Trực tuyến toàn trình",
        "Trực tuyến một phần",
        "Bưu chính công ích",
    ]
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert last[1] == "Tổng cộng"
    assert last[2] == 1  # carried over
    assert sum(last[3:7]) == 13  # received by channel


def test_the_pdf_is_an_a4_report_with_the_agency_and_the_signatures(client, quarter):
    response = get(client, quarter.ivy, pdf=1, **Q1)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", inflated(response.content))
    assert (round(float(box[1])), round(float(box[2]))) == (842, 595)  # A4 landscape, points
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "ỦY BAN NHÂN DÂN XÃ AN" in text
    assert "THỦ TRƯỞNG CƠ QUAN" in text and "NGƯỜI LẬP BIỂU" in text


def test_another_commune_cannot_be_reported_on(client, quarter):
    response = get(client, quarter.bob, agency=quarter.committee_a.pk, xlsx=1, **Q1)
    assert response.status_code == 200
    assert "result" not in response.context

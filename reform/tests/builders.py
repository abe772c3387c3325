"""Test helpers: plans with tasks, Excel sheets and evidence files built in memory."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from reform import services

HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
    "Kinh phí (đồng)",
    "Lĩnh vực PAR INDEX",
    "Chỉ số PAPI",
    "Sản phẩm",
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def xlsx(rows, name="nhiem-vu.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def pdf(name="bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def plan(agency, *, actor=None, number="426/KH-UBND", year=2026, **extra):
    fields = {
        "number": number,
        "issued_on": date(year, 1, 5),
        "year": year,
        "title": f"Kế hoạch cải cách hành chính năm {year}",
        "implements": "Kế hoạch số 1604/KH-UBND của UBND tỉnh",
    } | extra
    return services.plan_create(actor=actor, agency=agency, **fields)


def task(plan, lead_unit, *, actor=None, **extra):
    fields = {
        "content": "Niêm yết công khai thủ tục hành chính",
        "lead_unit": lead_unit,
        "timeline_kind": "regular",
    } | extra
    return services.task_add(actor=actor, plan=plan, **fields)

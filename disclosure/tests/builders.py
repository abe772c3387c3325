"""Test helpers: Excel sheets built in memory, and items in a commune's register."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from disclosure import services

POOR_HEADER = ["Chủ hộ", "Thôn", "Số nhân khẩu", "Kết quả rà soát", "Lý do"]


def xlsx(rows, name="danh-sach.xlsx") -> SimpleUploadedFile:
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


def poor_list(agency, *, actor=None, hamlet=None, title="Danh sách hộ nghèo năm 2026", **extra):
    fields = {
        "category": "poor_households",
        "title": title,
        "period_label": "Năm 2026",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "issued_on": date(2026, 3, 2),
        "hamlet": hamlet,
        "body": "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026.",
    } | extra
    return services.item_create(actor=actor, agency=agency, **fields)

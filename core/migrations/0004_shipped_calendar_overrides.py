"""Ship the official civil-servant day swaps that `holidays.VN` lacks or cannot express.

`holidays.VN` never marks a make-up Saturday as a working day, and (0.109) misses 02/01/2026.
The data is written out here, not imported, so this migration never changes after it has run.
"""

from datetime import date

from django.db import migrations

SOURCE_2025 = "Thông báo 6150/TB-BLĐTBXH (2024) của Bộ Lao động - Thương binh và Xã hội"
SOURCE_NEW_YEAR_2026 = (
    "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ "
    "(đồng ý phương án của Bộ Nội vụ)"
)
SOURCE_NATIONAL_DAY_2026 = "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ"

# (date, is_working_day, reason, source_document)
SWAPS = [
    (
        date(2025, 4, 26),
        True,
        "Làm bù cho ngày nghỉ thứ Sáu 02/5/2025 (hoán đổi dịp 30/4 - 1/5)",
        SOURCE_2025,
    ),
    (
        date(2025, 5, 2),
        False,
        "Nghỉ hoán đổi dịp 30/4 - 1/5, làm bù thứ Bảy 26/4/2025",
        SOURCE_2025,
    ),
    (
        date(2026, 1, 2),
        False,
        "Nghỉ hoán đổi dịp Tết Dương lịch, làm bù thứ Bảy 10/01/2026",
        SOURCE_NEW_YEAR_2026,
    ),
    (
        date(2026, 1, 10),
        True,
        "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026 (hoán đổi dịp Tết Dương lịch)",
        SOURCE_NEW_YEAR_2026,
    ),
    (
        date(2026, 8, 22),
        True,
        "Làm bù cho ngày nghỉ thứ Hai 31/8/2026 (hoán đổi dịp Quốc khánh)",
        SOURCE_NATIONAL_DAY_2026,
    ),
    (
        date(2026, 8, 31),
        False,
        "Nghỉ hoán đổi dịp Quốc khánh, làm bù thứ Bảy 22/8/2026",
        SOURCE_NATIONAL_DAY_2026,
    ),
]


def ship_swaps(apps, schema_editor):
    CalendarOverride = apps.get_model("core", "CalendarOverride")
    for day, is_working_day, reason, source_document in SWAPS:
        CalendarOverride.objects.update_or_create(
            date=day,
            defaults={
                "is_working_day": is_working_day,
                "reason": reason,
                "source_document": source_document,
            },
        )


def remove_swaps(apps, schema_editor):
    CalendarOverride = apps.get_model("core", "CalendarOverride")
    CalendarOverride.objects.filter(date__in=[day for day, *_rest in SWAPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_chain_head")]

    operations = [migrations.RunPython(ship_swaps, remove_swaps)]

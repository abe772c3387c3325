"""Dates and places written the way Vietnamese official documents write them (Decree 30/2020
appendix I): "ngày 02 tháng 3 năm 2026", "09 giờ 00 phút", "Hoàn Kiếm"."""

from datetime import datetime

from core.workdays import to_vietnam_time


def money(amount: int) -> str:
    """50000 → '50.000 đ': whole đồng, thousands grouped with dots."""
    return f"{int(amount):,}".replace(",", ".") + " đ"


# Decree 30/2020 appendix I.
def date_words(moment: datetime) -> str:
    """'02 tháng 3 năm 2026': days below 10 and the months 1 and 2 take a leading zero."""
    local = to_vietnam_time(moment)
    month = f"{local.month:02d}" if local.month <= 2 else str(local.month)
    return f"{local.day:02d} tháng {month} năm {local.year}"


def long_date(moment: datetime) -> str:
    return f"ngày {date_words(moment)}"


def long_time(moment: datetime | None) -> str:
    """'09 giờ 00 phút, ngày 02 tháng 3 năm 2026', the way the forms leave room for it."""
    if moment is None:
        return ""
    local = to_vietnam_time(moment)
    return f"{local:%H} giờ {local:%M} phút, {long_date(local)}"


def short_date(moment: datetime | None) -> str:
    return f"{to_vietnam_time(moment):%d/%m/%Y}" if moment else ""


def place_name(agency) -> str:
    """The place in "Hoàn Kiếm, ngày …": the unit's name without its kind, except for units
    named by a number ("Phường 3"), which keep it."""
    name = agency.unit.name
    for kind in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn "):
        rest = name[len(kind) :]
        if name.startswith(kind) and not rest.isdigit():
            return rest
    return name

"""Reporting periods as people write them: a year, a quarter or a month."""

import re
from datetime import date


def period_bounds(period: str) -> tuple[date, date]:
    """'2026', '2026-Q3' or '2026-07' → (first day, first day after). ValueError otherwise."""
    match = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|\d{2}))?", period.strip().upper())
    if match is None:
        raise ValueError(period)
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return date(year, 1, 1), date(year + 1, 1, 1)
    if part.startswith("Q"):
        first_month = 3 * (int(part[1]) - 1) + 1
        months = 3
    else:
        first_month, months = int(part), 1
        if not 1 <= first_month <= 12:
            raise ValueError(period)
    end_month = first_month + months
    end = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return date(year, first_month, 1), end

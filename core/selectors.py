"""Reads of core's tables, shaped for the pure rules in core.workdays."""

from datetime import date

from core.models import CalendarOverride
from core.workdays import WorkingCalendar


def working_calendar() -> WorkingCalendar:
    """The working-day calendar with every admin-edited override, loaded in one query.

    The table holds a handful of rows a year, so loading all of it is cheaper than guessing
    which dates a deadline will cross.
    """
    overrides: dict[date, bool] = {}
    reasons: dict[date, str] = {}
    for day, is_working_day, reason in CalendarOverride.objects.values_list(
        "date", "is_working_day", "reason"
    ):
        overrides[day] = is_working_day
        if reason:
            reasons[day] = reason
    return WorkingCalendar(overrides, reasons=reasons)

"""Pure rules of reform plans: when a task falls due, whether it is late, how a timeline is
written and read. No database access; the working calendar is passed in.

A task's timeline is one of three kinds, as the seeds write them: "thường xuyên" (regular work,
never late), a date ("trước ngày 30/6/2026") or a quarter ("Quý II/2026", due on its last day).
When the last day falls on a weekend or a holiday the task is due on the next working day, as
for any time limit that ends on a day off (Civil Code 2015, art. 148).
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold
from core.workdays import WorkingCalendar

# A task is "due soon" this many working days before its due day.
DUE_SOON_WORKING_DAYS = 5

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAN_OF = {number: roman for roman, number in ROMAN.items()}


class TimelineKind(models.TextChoices):
    REGULAR = "regular", _("regular (all year)")
    DATE = "date", _("by a date")
    QUARTER = "quarter", _("by the end of a quarter")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)


def quarter_last_day(year: int, quarter: int) -> date:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"No quarter {quarter}")
    month = quarter * 3
    return date(year, month, 31 if month in (3, 12) else 30)


def last_day(*, kind: str, due_on: date | None, quarter: int | None, year: int) -> date | None:
    """The last day the timeline names, or None for regular work."""
    if kind == TimelineKind.DATE:
        return due_on
    if kind == TimelineKind.QUARTER:
        return quarter_last_day(year, quarter)
    return None


def effective_due(day: date | None, calendar: WorkingCalendar) -> date | None:
    """The day a task is really due: its last day, or the next working day when the office is
    closed that day."""
    if day is None:
        return None
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


class TaskState(models.TextChoices):
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")
    REGULAR = "regular", _("regular work")
    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due soon")
    ON_TRACK = "on_track", _("on track")


STATE_BADGES = {
    TaskState.DONE: "ok",
    TaskState.CANCELLED: "info",
    TaskState.REGULAR: "info",
    TaskState.OVERDUE: "danger",
    TaskState.DUE_SOON: "warn",
    TaskState.ON_TRACK: "ok",
}


def task_state(
    *, status: str, due: date | None, today: date, calendar: WorkingCalendar
) -> TaskState:
    """Where a task stands on `today`. `due` is the effective due day (see effective_due)."""
    if status == TaskStatus.DONE:
        return TaskState.DONE
    if status == TaskStatus.CANCELLED:
        return TaskState.CANCELLED
    if due is None:
        return TaskState.REGULAR
    if today > due:
        return TaskState.OVERDUE
    if calendar.add_working_days(today, DUE_SOON_WORKING_DAYS) >= due:
        return TaskState.DUE_SOON
    return TaskState.ON_TRACK


def working_days_late(*, due: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days from the due day to `today` (0 when not late): "quá hạn 3 ngày"."""
    days, day = 0, due
    while day < today:
        day = calendar.next_working_day(day)
        if day <= today:
            days += 1
    return days


@dataclass(frozen=True)
class Timeline:
    kind: str
    due_on: date | None = None
    quarter: int | None = None


def timeline_text(*, kind: str, due_on: date | None, quarter: int | None, year: int) -> str:
    """How the appendix prints a timeline (in Vietnamese, as the plan is written)."""
    if kind == TimelineKind.DATE and due_on is not None:
        return f"Trước ngày {due_on:%d/%m/%Y}"
    if kind == TimelineKind.QUARTER and quarter:
        return f"Quý {ROMAN_OF[quarter]}/{year}"
    return "Thường xuyên"


_QUARTER = re.compile(r"^(?:quy|q)\s*(i{1,3}|iv|[1-4])(?:\s*[/\-.]\s*(\d{4})|\s+nam\s+(\d{4}))?$")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_timeline(value, *, year: int) -> Timeline:
    """A timeline as officers type it in a plan's table: "Thường xuyên", "30/6/2026",
    "Trước ngày 30/06/2026", "Quý II/2026", "Quý 3", "Q4/2026" (a date cell is taken as it is).
    A quarter of another year than the plan's is refused. Raises ValueError."""
    if isinstance(value, date):
        return Timeline(TimelineKind.DATE, due_on=value)
    text = fold(str(value or "")).strip()
    text = re.sub(r"\s+", " ", text)
    if text in ("thuong xuyen", "hang nam", "ca nam", "tx"):
        return Timeline(TimelineKind.REGULAR)
    quarter = _QUARTER.match(text)
    if quarter:
        number, *years = quarter.groups()
        number = ROMAN.get(number.upper()) or int(number)
        written_year = next((int(y) for y in years if y), year)
        if written_year != year:
            raise ValueError("quarter of another year")
        return Timeline(TimelineKind.QUARTER, quarter=number)
    match = _DATE.search(text)
    if match and re.fullmatch(r"(truoc ngay |truoc |den ngay |han )?[\d/]+", text):
        day, month, year_part = (int(part) for part in match.groups())
        return Timeline(TimelineKind.DATE, due_on=date(year_part, month, day))
    raise ValueError("not a timeline")

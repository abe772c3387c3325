"""The working-day calendar and the deadline rules of DOMAIN.md §5, as pure functions.

No database here: callers load the overrides (`core.selectors.working_calendar`) and pass them in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class OfficeHours:
    """When the counter is open; agencies may set their own (DOMAIN.md §5 gives the defaults)."""

    opens: time = time(7, 30)
    closes: time = time(17, 0)
    same_day_cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        if not self.opens < self.closes:
            raise ValueError(
                f"Office hours must open before they close ({self.opens}-{self.closes})"
            )
        if not self.opens <= self.same_day_cutoff <= self.closes:
            raise ValueError(
                f"The same-day cut-off {self.same_day_cutoff} must fall inside office hours "
                f"({self.opens}-{self.closes})"
            )


DEFAULT_HOURS = OfficeHours()


class TermUnit(StrEnum):
    WORKING_DAYS = "d"
    WORKING_HOURS = "h"


@dataclass(frozen=True)
class Term:
    """A time limit as the catalogue states it; `Term(0, WORKING_DAYS)` is "trong ngày"."""

    value: int
    unit: TermUnit

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError(f"A term cannot be negative ({self.value})")
        # "Same day" is spelled 0d; a zero-hour term would mean "due the moment it arrives".
        if self.unit == TermUnit.WORKING_HOURS and self.value == 0:
            raise ValueError("A term in working hours must be at least 1h; use 0d for same day")

    def __str__(self) -> str:
        return f"{self.value}{self.unit}"


_TERM_PATTERN = re.compile(r"(\d+)\s*([dh])")


def parse_term(text: str) -> Term:
    """Read "3d" (working days), "0d" (same day) or "8h" (working hours)."""
    match = _TERM_PATTERN.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(
            f"Cannot read the term {text!r}: write a whole number followed by d (working days) "
            "or h (working hours), e.g. 3d, 0d for same day, 8h"
        )
    return Term(int(match.group(1)), TermUnit(match.group(2)))


@lru_cache(maxsize=64)
def _official_holidays(year: int) -> dict[date, str]:
    """The holidays the `holidays` package knows for `year`, with Vietnamese names (they are
    shown to citizens and staff). Computing lunar holidays and loading their translations takes
    milliseconds, and the answer only changes with the installed package, so each process
    computes a year once; admin-edited overrides are applied on top, per calendar."""
    return dict(holidays.VN(years=year, language="vi"))


class WorkingCalendar:
    """Monday to Friday minus `holidays.VN`, corrected by the official overrides.

    Build one per request or command: the overrides are a snapshot of the admin-edited table.
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        *,
        reasons: Mapping[date, str] | None = None,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._reasons = dict(reasons or {})

    def _holidays(self, year: int) -> dict[date, str]:
        return _official_holidays(year)

    def is_working_day(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        return day.weekday() < 5 and day not in self._holidays(day.year)

    def non_working_reason(self, day: date) -> str | None:
        """Why the office is closed that day, or None when it works."""
        if self.is_working_day(day):
            return None
        if day in self._reasons:
            return self._reasons[day]
        if day in self._holidays(day.year):
            return self._holidays(day.year)[day]
        if day.weekday() >= 5:
            return gettext("weekend")
        return gettext("official day off")

    def non_working_days(self, first: date, last: date) -> list[tuple[date, str]]:
        """Each closed day from `first` to `last` inclusive, with its reason."""
        closed = []
        day = first
        while day <= last:
            reason = self.non_working_reason(day)
            if reason is not None:
                closed.append((day, reason))
            day += ONE_DAY
        return closed

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """The nth working day strictly after `day` (`day` itself when n is 0)."""
        if n < 0:
            raise ValueError(f"Cannot count a negative number of working days ({n})")
        for _counted in range(n):
            day = self.next_working_day(day)
        return day


def to_vietnam_time(moment: datetime) -> datetime:
    """Aware datetimes are converted; naive ones are taken as already in Vietnam time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=VIETNAM)


def effective_receipt(
    received_at: datetime,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """Rule 1: when the clock starts for a dossier received at `received_at`."""
    local = to_vietnam_time(received_at)
    day = local.date()
    if calendar.is_working_day(day):
        if local.time() < hours.opens:
            return _at(day, hours.opens)
        if local.time() < hours.closes:
            return local
    return _at(calendar.next_working_day(day), hours.opens)


def due_at(
    received_at: datetime,
    term: Term,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """Rules 2, 3 and 4: the due date and time for a term counted from `received_at`."""
    start = effective_receipt(received_at, calendar=calendar, hours=hours)
    if term.unit == TermUnit.WORKING_HOURS:
        return add_working_minutes(start, term.value * 60, calendar=calendar, hours=hours)
    if term.value == 0:
        # Hộ tịch and chứng thực practice: a same-day dossier received at or after the cut-off
        # cannot be processed before closing, so it is due the next working day.
        if start.time() < hours.same_day_cutoff:
            return _at(start.date(), hours.closes)
        return _at(calendar.next_working_day(start.date()), hours.closes)
    # The receipt day itself is not counted, however early the dossier arrived.
    return _at(calendar.add_working_days(start.date(), term.value), hours.closes)


def due_after_supplement(
    completed_at: datetime,
    term: Term,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """Rule 6: once the complete supplement arrives, the whole term restarts from zero."""
    return due_at(completed_at, term, calendar=calendar, hours=hours)


def working_minutes_between(
    start: datetime,
    end: datetime,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> int:
    """Whole minutes of office time on working days between `start` and `end`."""
    start, end = to_vietnam_time(start), to_vietnam_time(end)
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            opened = max(start, _at(day, hours.opens))
            closed = min(end, _at(day, hours.closes))
            if closed > opened:
                total += closed - opened
        day += ONE_DAY
    return int(total.total_seconds() // 60)


def add_working_minutes(
    start: datetime,
    minutes: int,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """The moment `minutes` of office time after `start`; landing on closing stays at closing."""
    if minutes < 0:
        raise ValueError(f"Cannot add a negative number of working minutes ({minutes})")
    if minutes == 0:
        # Adding nothing must not move a due time of 17:00 to the next morning.
        return to_vietnam_time(start)
    current = effective_receipt(start, calendar=calendar, hours=hours)
    remaining = timedelta(minutes=minutes)
    while True:
        left_today = _at(current.date(), hours.closes) - current
        if remaining <= left_today:
            return current + remaining
        remaining -= left_today
        current = _at(calendar.next_working_day(current.date()), hours.opens)


def extend_for_pause(
    due: datetime,
    paused_from: datetime,
    paused_until: datetime,
    *,
    calendar: WorkingCalendar,
    hours: OfficeHours = DEFAULT_HOURS,
) -> datetime:
    """Rule 6: waiting for the citizen's financial obligation gives its working time back."""
    paused = working_minutes_between(paused_from, paused_until, calendar=calendar, hours=hours)
    return add_working_minutes(due, paused, calendar=calendar, hours=hours)


class Timeliness(StrEnum):
    EARLY = "truoc_han"
    ON_TIME = "dung_han"
    LATE = "qua_han"
    IN_PROGRESS = "dang_xu_ly"
    LATE_PENDING = "qua_han_dang_xu_ly"

    @property
    def label(self) -> str:
        return _TIMELINESS_LABELS[self]


_TIMELINESS_LABELS = {
    Timeliness.EARLY: _("early"),
    Timeliness.ON_TIME: _("on time"),
    Timeliness.LATE: _("late"),
    Timeliness.IN_PROGRESS: _("in progress"),
    Timeliness.LATE_PENDING: _("late, still in progress"),
}


def classify(*, due: datetime, finished_at: datetime | None = None, now: datetime) -> Timeliness:
    """Trước hạn / đúng hạn / quá hạn, for a dossier or one step of it (DOMAIN.md §5)."""
    due = to_vietnam_time(due)
    if finished_at is None:
        return Timeliness.IN_PROGRESS if to_vietnam_time(now) <= due else Timeliness.LATE_PENDING
    finished_at = to_vietnam_time(finished_at)
    if finished_at > due:
        return Timeliness.LATE
    # "Before the due date" is about calendar days: finishing at 09:00 on the due day is on time.
    if finished_at.date() < due.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME

"""Reads for the duty roster: the centres a user keeps a roster for, and one week of it."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from core.selectors import working_calendar
from counter.models import DutyShift, HalfDay
from org.access import agency_ids_with_role, scope_to_user
from org.models import Agency, AgencyKind, Role, StaffRole, User

# Who keeps the roster of a centre: its administrators and its receiving officers.
ROSTER_KEEPERS = (Role.AGENCY_ADMIN, Role.RECEIVING_OFFICER)
# Rosters belong to the places where citizens come to a counter.
CENTRE_KINDS = (AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE)

# Django's own Vietnamese names are "Thứ 2", "Thứ 3"…; notices spell them out.
WEEKDAYS = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)


def week_of(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def weekday_name(day: date):
    """Lazy: the printed notice renders it in Vietnamese whatever the page's language."""
    return WEEKDAYS[day.weekday()]


@dataclass
class RosterDay:
    day: date
    weekday: Promise
    is_working: bool
    holiday: str  # why a weekday is closed; weekends need no reason
    morning: list[DutyShift] = field(default_factory=list)
    afternoon: list[DutyShift] = field(default_factory=list)

    @property
    def halves(self) -> list[tuple[str, str, list[DutyShift]]]:
        return [
            (HalfDay.MORNING.value, HalfDay.MORNING.label, self.morning),
            (HalfDay.AFTERNOON.value, HalfDay.AFTERNOON.label, self.afternoon),
        ]

    @property
    def is_empty(self) -> bool:
        return not (self.morning or self.afternoon)


def _counter_order(shift: DutyShift) -> tuple:
    # "Quầy 2" before "Quầy 10": compare the numbers in the label as numbers.
    parts = re.split(r"(\d+)", shift.counter.casefold())
    return (tuple(int(p) if p.isdecimal() else p for p in parts), shift.pk)


def roster_week(*, agency: Agency, week_start: date) -> list[RosterDay]:
    """Seven days from the Monday of `week_start`, each with its morning and afternoon shifts
    ordered by counter. Two queries, however many shifts: the shifts and the calendar."""
    monday = week_of(week_start)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    calendar = working_calendar()
    grid = {}
    for day in days:
        is_working = calendar.is_working_day(day)
        holiday = "" if is_working or day.weekday() >= 5 else calendar.non_working_reason(day)
        grid[day] = RosterDay(
            day=day, weekday=weekday_name(day), is_working=is_working, holiday=holiday
        )
    shifts = DutyShift.objects.filter(agency=agency, day__range=(days[0], days[-1]))
    for shift in sorted(shifts.select_related("helper"), key=_counter_order):
        getattr(grid[shift.day], shift.half_day).append(shift)
    return list(grid.values())


def roster_agencies_for(user) -> QuerySet[Agency]:
    """The centres whose roster `user` keeps: within what they may see (R5), and where they
    are administrator or receiving officer (or in an agency above)."""
    centres = Agency.objects.filter(
        kind__in=CENTRE_KINDS,
        is_active=True,
        id__in=agency_ids_with_role(user, ROSTER_KEEPERS),
    )
    return scope_to_user(centres, user, agency_field="self").select_related("unit", "parent")


def roster_agency_get_for(user, *, code: str) -> Agency:
    """A centre whose roster `user` keeps; 404 for any other, so it is not even confirmed."""
    return get_object_or_404(roster_agencies_for(user), code=code)


def shift_get_for(user, *, pk: int) -> DutyShift:
    shifts = scope_to_user(DutyShift.objects.all(), user).filter(
        agency__in=roster_agencies_for(user)
    )
    return get_object_or_404(shifts.select_related("agency", "helper"), pk=pk)


def volunteers_of(agency: Agency) -> QuerySet[User]:
    """Staff holding the volunteer role at `agency`: the accounts a shift may name."""
    holders = StaffRole.objects.filter(agency=agency, role=Role.VOLUNTEER).values("user_id")
    return User.objects.filter(id__in=holders, is_active=True).order_by("full_name", "id")


def roster_public_agency_get(*, code: str) -> Agency:
    """A centre whose roster anyone may read: active and of a centre kind."""
    return get_object_or_404(
        Agency.objects.select_related("unit", "parent"),
        code=code,
        kind__in=CENTRE_KINDS,
        is_active=True,
    )

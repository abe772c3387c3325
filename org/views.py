"""Public home and the staff pages of the organisation: overview, agencies, calendar, audit log."""

import calendar as month_calendar
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit_actions import action_label
from core.selectors import working_calendar
from core.workdays import due_at, effective_receipt
from org import selectors
from org.access import (
    is_volunteer_only,
    manageable_agency_ids,
    roles_of,
    staff_required,
    visible_agency_ids,
)
from org.forms import AuditFilterForm, DeadlineForm, YearForm
from org.models import Role


def home(request):
    today = timezone.localdate()
    cal = working_calendar()
    return render(
        request,
        "org/home.html",
        {
            "agencies": selectors.agency_list_public(),
            "today": today,
            "today_is_working": cal.is_working_day(today),
            "today_reason": cal.non_working_reason(today),
            "next_working_day": cal.next_working_day(today),
        },
    )


def _staff_context(request, nav: str, **extra):
    return {"nav": nav, "can_see_audit": selectors.can_see_audit(request.user), **extra}


@staff_required(*Role.values)
def staff_home(request):
    if is_volunteer_only(request.user):
        # A volunteer's work is the guidance screens: log in straight to them.
        return redirect("counter:guidance")
    today = timezone.localdate()
    cal = working_calendar()
    return render(
        request,
        "org/staff_home.html",
        _staff_context(
            request,
            "home",
            roles=roles_of(request.user),
            visible_count=len(visible_agency_ids(request.user)),
            today=today,
            today_is_working=cal.is_working_day(today),
            today_reason=cal.non_working_reason(today),
            next_working_day=cal.next_working_day(today),
        ),
    )


@staff_required()
def agency_list(request):
    return render(
        request,
        "org/agency_list.html",
        _staff_context(request, "agencies", agencies=selectors.agency_list_for(request.user)),
    )


@staff_required()
def agency_detail(request, code: str):
    agency = selectors.agency_get_for(request.user, code=code)
    return render(
        request,
        "org/agency_detail.html",
        _staff_context(
            request,
            "agencies",
            agency=agency,
            staff=selectors.staff_of_agency(agency),
            can_manage=agency.pk in manageable_agency_ids(request.user),
        ),
    )


@staff_required()
def working_calendar_page(request):
    cal = working_calendar()
    today = timezone.localdate()
    year_form = YearForm(request.GET or None)
    year = today.year
    if year_form.is_valid() and year_form.cleaned_data["year"]:
        year = year_form.cleaned_data["year"]

    agencies = selectors.agency_list_for(request.user)
    form = DeadlineForm(request.GET if "received" in request.GET else None, agencies=agencies)
    result = None
    if form.is_bound and form.is_valid():
        hours = selectors.office_hours_for(form.cleaned_data["agency"])
        received = form.cleaned_data["received"]
        effective = effective_receipt(received, calendar=cal, hours=hours)
        due = due_at(received, form.term(), calendar=cal, hours=hours)
        result = {
            "effective": effective,
            "due": due,
            "skipped": _non_working_days(cal, timezone.localtime(received).date(), due.date()),
        }

    months = [_month(cal, year, month, today) for month in range(1, 13)]
    days_off = [
        (day, cal.non_working_reason(day))
        for day in _days_of(year)
        if not cal.is_working_day(day) and day.weekday() < 5
    ]
    worked_weekends = [
        day for day in _days_of(year) if day.weekday() >= 5 and cal.is_working_day(day)
    ]
    return render(
        request,
        "org/calendar.html",
        _staff_context(
            request,
            "calendar",
            year=year,
            months=months,
            days_off=days_off,
            worked_weekends=worked_weekends,
            form=form,
            result=result,
            weekday_names=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        ),
    )


def _days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def _non_working_days(cal, start: date, end: date) -> list[tuple[date, str]]:
    days, day = [], start
    while day <= end:
        if not cal.is_working_day(day):
            days.append((day, cal.non_working_reason(day)))
        day += timedelta(days=1)
    return days


def _month(cal, year: int, month: int, today: date) -> dict:
    weeks = []
    for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(None)
                continue
            working = cal.is_working_day(day)
            if working and day.weekday() >= 5:
                kind = "swap-work"
            elif not working and day.weekday() >= 5:
                kind = "weekend"
            elif not working:
                kind = "off"
            else:
                kind = "work"
            cells.append(
                {
                    "day": day,
                    "kind": kind,
                    "reason": "" if working else cal.non_working_reason(day),
                    "today": day == today,
                }
            )
        weeks.append(cells)
    return {"number": month, "weeks": weeks}


@staff_required(Role.AGENCY_ADMIN, Role.INSPECTOR)
def audit_log(request):
    filters = AuditFilterForm(request.GET)
    action = filters.cleaned_data["action"] if filters.is_valid() else ""
    events = selectors.audit_events_for(request.user, action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.action_label = action_label(event.action)
    return render(
        request,
        "org/audit_log.html",
        _staff_context(request, "audit", page=page, action=action, filters=filters),
    )

"""The public duty roster of a centre: who helps citizens at which counter this week."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.wording import long_date, place_name
from counter import selectors
from counter.forms import week_from_query


@require_GET
def roster_public(request, code: str):
    """Printable on A4 landscape with the administrative header; no contact details of
    anyone, only the names helpers are known by at the counter."""
    agency = selectors.roster_public_agency_get(code=code)
    today = timezone.localdate()
    monday = selectors.week_of(week_from_query(request.GET.get("tuan"), today=today))
    return render(
        request,
        "portal/roster_public.html",
        {
            "agency": agency,
            "agency_name": agency.name,
            "parent_name": agency.parent.name if agency.parent_id else "",
            "place_date": f"{place_name(agency)}, {long_date(timezone.now())}",
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "days": selectors.roster_week(agency=agency, week_start=monday),
            "previous_week": (monday - timedelta(days=7)).isoformat(),
            "next_week": (monday + timedelta(days=7)).isoformat(),
            "this_week": selectors.week_of(today).isoformat(),
            "is_this_week": monday == selectors.week_of(today),
        },
    )

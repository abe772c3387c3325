"""Staff pages of the duty roster: the week of one centre, adding and removing shifts."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from catalog.eform import focus_first_error
from core.network import client_ip
from counter import selectors, services
from counter.forms import ShiftForm, week_from_query
from org.access import staff_required
from org.models import Agency


def _roster_url(agency: Agency, monday: date) -> str:
    query = urlencode({"co_quan": agency.code, "tuan": monday.isoformat()})
    return f"{reverse('counter:roster')}?{query}"


def _add_errors(form: ShiftForm, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        form.add_error(None if name == "__all__" else name, texts)


@staff_required(*selectors.ROSTER_KEEPERS)
@require_http_methods(["GET", "POST"])
def roster(request):
    """The week of one centre (Monday to Sunday) with the form to add a shift."""
    agencies = list(selectors.roster_agencies_for(request.user))
    code = (request.POST.get("co_quan") or request.GET.get("co_quan") or "")[:80]
    if code:
        agency = selectors.roster_agency_get_for(request.user, code=code)
    else:
        agency = agencies[0] if agencies else None
    today = timezone.localdate()
    week = request.POST.get("tuan") or request.GET.get("tuan")
    monday = selectors.week_of(week_from_query(week, today=today))
    context = {"nav": "roster", "agencies": agencies, "agency": agency, "monday": monday}
    if agency is None:
        return render(request, "counter/roster_staff.html", context)

    form = ShiftForm(request.POST or None, agency=agency, monday=monday)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            shift = services.shift_add(
                actor=request.user,
                agency=agency,
                day=data["day"],
                half_day=data["half_day"],
                counter=data["counter"],
                organisation=data["organisation"],
                helper=data["helper"],
                helper_name=data["helper_name"],
                note=data["note"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is on duty at %(counter)s, %(half_day)s %(day)s.")
                % {
                    "name": shift.helper_display,
                    "counter": shift.counter,
                    "half_day": shift.get_half_day_display().lower(),
                    "day": f"{shift.day:%d/%m/%Y}",
                },
            )
            return redirect(_roster_url(agency, monday))
    if form.is_bound:
        focus_first_error(form)
    context |= {
        "form": form,
        "days": selectors.roster_week(agency=agency, week_start=monday),
        "today": today,
        "sunday": monday + timedelta(days=6),
        "previous_week": _roster_url(agency, monday - timedelta(days=7)),
        "next_week": _roster_url(agency, monday + timedelta(days=7)),
        "this_week": _roster_url(agency, selectors.week_of(today)),
        "public_url": reverse("portal:public-roster", args=[agency.code])
        + f"?tuan={monday.isoformat()}",
    }
    return render(request, "counter/roster_staff.html", context)


@staff_required(*selectors.ROSTER_KEEPERS)
@require_POST
def shift_remove(request, pk: int):
    """Asks once (a page saying what will happen), then removes on the confirming POST."""
    shift = selectors.shift_get_for(request.user, pk=pk)
    back = _roster_url(shift.agency, selectors.week_of(shift.day))
    if request.POST.get("confirm") != "1":
        return render(
            request,
            "counter/shift_remove.html",
            {"nav": "roster", "shift": shift, "back": back},
        )
    try:
        services.shift_remove(actor=request.user, shift=shift, ip=client_ip(request))
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The shift was removed from the roster."))
    return redirect(back)

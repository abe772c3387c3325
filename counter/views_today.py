"""The start page of receiving officers and specialists: the day's work at a glance."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from core.panels import dossier_marks, today_sections
from core.selectors import working_calendar
from counter.selectors_today import START_PAGE_ROLES, day_work, has_start_page
from org.access import staff_required
from org.selectors import can_see_audit
from postal.views import is_postal_start


def start(request):
    """Where a login lands: the day's work for those who have one, the overview otherwise
    (which sends a volunteer on to the guidance screens)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if has_start_page(request.user):
        return redirect("counter:today")
    if is_postal_start(request.user):
        return redirect("postal:today")
    return redirect("org:staff-home")


@staff_required(*START_PAGE_ROLES)
def today(request):
    work = day_work(request.user)
    dossier_marks([row for work_list in work.lists for row in work_list.rows])
    cal = working_calendar()
    return render(
        request,
        "counter/today.html",
        {
            "nav": "today",
            "can_see_audit": can_see_audit(request.user),
            "work": work,
            "sections": today_sections(request),
            "today_is_working": cal.is_working_day(work.today),
            "today_reason": cal.non_working_reason(work.today),
        },
    )

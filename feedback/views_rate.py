"""The rate of feedback answered on time, per agency and period (Decision 766, group 5)."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workdays import to_vietnam_time
from feedback import selectors
from org.access import staff_required
from org.models import Role
from surveys.periods import period_bounds

RATE_ROLES = (Role.LEADER, Role.INSPECTOR, Role.AGENCY_ADMIN, Role.RECEIVING_OFFICER)


@staff_required(*RATE_ROLES)
def rate(request):
    now = timezone.now()
    local = to_vietnam_time(now)
    default = f"{local.year}-Q{(local.month - 1) // 3 + 1}"
    period = request.GET.get("ky", default).strip()[:10] or default
    error = ""
    try:
        start, end = period_bounds(period)
    except ValueError:
        error = _("Write the period as a year (2026), a quarter (2026-Q3) or a month (2026-07).")
        period = default
        start, end = period_bounds(default)
    rows = selectors.on_time_by_agency(request.user, start=start, end=end, now=now)
    return render(
        request,
        "feedback/staff_rate.html",
        {
            "nav": "feedback",
            "rows": rows,
            "period": period,
            "error": error,
            "start": start,
            "end": end,
        },
        status=400 if error else 200,
    )

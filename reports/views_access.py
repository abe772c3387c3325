"""Portal access statistics: the public figures the seeds show, and the staff table per day
and page group."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from org.access import OFFICE_ROLES, staff_required
from reports.access import GROUPS, access_figures, views_by_day

GROUP_LABELS = {
    "home": "Trang chủ",
    "catalogue": "Thủ tục hành chính",
    "lookup": "Tra cứu hồ sơ",
    "roster": "Lịch trực",
    "access": "Thống kê truy cập",
}


@require_GET
def access_public(request):
    return render(request, "reports/access_public.html", {"figures": access_figures()})


@staff_required(*OFFICE_ROLES)
@require_GET
def access_staff(request):
    today = timezone.localdate()
    days = views_by_day(first_day=today - timedelta(days=30), last_day=today)
    groups = list(dict.fromkeys(GROUPS.values()))
    return render(
        request,
        "reports/access_staff.html",
        {
            "nav": "access",
            "figures": access_figures(),
            "groups": [(group, GROUP_LABELS[group]) for group in groups],
            "rows": [
                (day, [counts.get(group, 0) for group in groups], sum(counts.values()))
                for day, counts in days
            ],
        },
    )

"""The rating page (no login: the token is the key) and the leaders' figures."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.views import too_many_requests
from core.workdays import to_vietnam_time
from org.access import staff_required
from org.models import Role
from surveys import selectors
from surveys.forms import RatingForm
from surveys.models import AnswerChannel, Score
from surveys.periods import period_bounds
from surveys.services import rating_answer

FIGURE_ROLES = (Role.LEADER, Role.INSPECTOR, Role.AGENCY_ADMIN)


@require_http_methods(["GET", "POST"])
def rate(request, token: str):
    allowed, retry_after = ratelimit.hit(
        key=f"rating:{ratelimit.client_key(request)}",
        limit=settings.LOOKUP_RATE_LIMIT,
        window_seconds=settings.LOOKUP_RATE_WINDOW,
    )
    if not allowed:
        return too_many_requests(request, retry_after=retry_after)
    rating = selectors.rating_for_token(token)
    kiosk = request.GET.get("quay") == "1"
    context = {"rating": rating, "kiosk": kiosk, "scores": Score.choices, "done": False}
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            recorded = rating_answer(
                token=token,
                score=form.cleaned_data["score"],
                reason=form.cleaned_data["reason"],
                channel=AnswerChannel.KIOSK if kiosk else AnswerChannel.LINK,
            )
            context["done"] = True
            context["already"] = not recorded
        else:
            status = 400
        context["form"] = form
    else:
        context["form"] = RatingForm()
        context["done"] = rating.answered_at is not None
        context["already"] = context["done"]
    response = render(request, "surveys/rate.html", context, status=status)
    add_never_cache_headers(response)
    return response


@staff_required(*FIGURE_ROLES)
def figures(request):
    local = to_vietnam_time(timezone.now())
    default = f"{local.year}-Q{(local.month - 1) // 3 + 1}"
    period = request.GET.get("ky", default).strip()[:10] or default
    error = ""
    try:
        start, end = period_bounds(period)
    except ValueError:
        error = _("Write the period as a year (2026), a quarter (2026-Q3) or a month (2026-07).")
        period = default
        start, end = period_bounds(default)
    agencies, officers = selectors.figures(request.user, start=start, end=end)
    return render(
        request,
        "surveys/figures.html",
        {
            "nav": "ratings",
            "period": period,
            "error": error,
            "agencies": agencies,
            "officers": officers,
            "few": selectors.FEW_ANSWERS,
        },
        status=400 if error else 200,
    )

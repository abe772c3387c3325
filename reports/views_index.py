"""The Decision 766 scorecard and its drill-down, for staff of the agencies in scope (R5: the
agency list offered is what the user may see, and a chosen agency outside it is refused)."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.paging import uncounted_page
from org.access import OFFICE_ROLES, scope_to_user, staff_required
from org.selectors import agency_list_for
from reports import charts
from reports.forms import PeriodForm, year_to_date
from reports.queries import RowKind
from reports.selectors import (
    SIDES,
    indicator_line,
    indicator_rows,
    rule_for,
    scope_for,
    scorecard,
)

PER_PAGE = 50


def top_agency(agencies) -> object | None:
    """The highest agency in the list: the province for a provincial user, the commune
    committee for a commune's staff. The default scope of every report."""
    listed = list(agencies)
    ids = {agency.pk for agency in listed}
    return next((a for a in listed if a.parent_id not in ids), None)


def period_form(request) -> PeriodForm:
    agencies = agency_list_for(request.user).filter(is_active=True)
    defaults = year_to_date(timezone.localdate())
    top = top_agency(agencies)
    if top is not None:
        defaults["agency"] = str(top.pk)
    return PeriodForm(defaults | request.GET.dict(), agencies=agencies)


@staff_required(*OFFICE_ROLES)
@require_GET
def scorecard_page(request):
    form = period_form(request)
    context = {"nav": "index766", "form": form}
    if form.is_valid():
        data = form.cleaned_data
        card = scorecard(data["agency"], first_day=data["start"], last_day=data["end"])
        context["card"] = card
        context["groups_chart"] = charts.bars(
            [
                (g.label, g.points if g.computable_maximum else None, Decimal(g.maximum))
                for g in card.groups
            ],
            title=_("Points per group"),
            ident="groups",
            missing=_("no data yet"),
        )
        context["query"] = _query(data)
    return render(request, "reports/index766.html", context)


def _query(data) -> str:
    return f"agency={data['agency'].pk}&start={data['start']:%d/%m/%Y}&end={data['end']:%d/%m/%Y}"


@staff_required(*OFFICE_ROLES)
@require_GET
def indicator_page(request, key: str):
    """The exact rows behind one indicator: those missing from the numerator first (what to
    fix), then the numerator and the denominator."""
    form = period_form(request)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    rule = rule_for(key, year=data["end"].year)
    side = request.GET.get("side", "missing")
    if side not in SIDES:
        side = "missing"
    scope = scope_for(data["agency"], first_day=data["start"], last_day=data["end"])
    rows = indicator_rows(rule, scope, side=side)
    line = indicator_line(rule, scope)
    page = None
    if rows is not None:
        if line.kind == RowKind.DOSSIER:
            # The scope already keeps to the chosen agencies; scoping again by the user's own
            # rights keeps a drill-down from ever listing what the user may not open.
            rows = (
                scope_to_user(
                    rows,
                    request.user,
                    agency_field="receiving_agency",
                    or_fields=("handling_agency", "return_agency"),
                )
                .select_related("procedure_version__procedure")
                .order_by("-received_at", "-pk")
            )
        elif line.kind == RowKind.FEEDBACK:
            rows = scope_to_user(
                rows, request.user, agency_field="agency", or_fields=("intake_agency",)
            ).order_by("due_at", "pk")
        else:
            rows = rows.select_related("procedure").order_by("procedure__national_code", "pk")
        page = uncounted_page(rows, number=request.GET.get("page"), per_page=PER_PAGE)
    return render(
        request,
        "reports/index766_indicator.html",
        {
            "nav": "index766",
            "form": form,
            "rule": rule,
            "line": line,
            "side": side,
            "sides": SIDES,
            "page": page,
            "agency": data["agency"],
            "scope": scope,
            "query": _query(data),
            "now": timezone.now(),
        },
    )

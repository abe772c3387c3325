"""PAR INDEX self-assessment (read by every staff member of the agency, scored by its leaders
and administrators) and PAPI beside the related MotCua figures."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import AgencyChoiceField
from org.access import OFFICE_ROLES, agency_and_below, holds_role_over, staff_required
from org.models import Role
from org.selectors import agency_list_for
from reform.selectors import tasks_by_papi_dimension, tasks_by_par_field
from reports.models_par import PapiDimension, PapiScore, ParCriterion
from reports.par import clean_links, par_assess, par_table
from reports.selectors import scope_for
from reports.targets import rate
from reports.views_index import top_agency

ASSESSORS = {Role.LEADER, Role.AGENCY_ADMIN}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class YearForm(forms.Form):
    agency = AgencyChoiceField(
        label=gettext_lazy("Agency"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the agencies in the list.")},
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)

    def __init__(self, *args, agencies, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["year"].choices = [(year, year) for year in years]


def _year_form(request, data) -> YearForm:
    today = timezone.localdate()
    agencies = agency_list_for(request.user).filter(is_active=True)
    top = top_agency(agencies)
    defaults = {"year": str(today.year), "agency": str(top.pk) if top else ""}
    return YearForm(defaults | data, agencies=agencies, years=range(today.year, today.year - 6, -1))


@staff_required(*OFFICE_ROLES)
@require_http_methods(["GET", "POST"])
def par_page(request):
    form = _year_form(request, request.GET.dict())
    context = {"nav": "par", "form": form}
    if not form.is_valid():
        return render(request, "reports/par.html", context)
    agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
    may_assess = holds_role_over(request.user, ASSESSORS, {agency.pk})
    errors = {}
    if request.method == "POST":
        if not may_assess:
            raise Http404
        criterion = get_object_or_404(
            ParCriterion, pk=request.POST.get("criterion", ""), field__year=year
        )
        try:
            score = Decimal(request.POST.get("score", "").replace(",", ".").strip())
            links = clean_links(request.POST.get("links", ""))
            par_assess(
                actor=request.user,
                agency=agency,
                criterion=criterion,
                score=score,
                evidence=request.POST.get("evidence", "").strip()[:5000],
                links=links,
            )
        except (InvalidOperation, ValueError):
            errors[criterion.pk] = _("Enter the score as a number, e.g. 2,5.")
        except ValidationError as error:
            errors[criterion.pk] = " ".join(error.messages)
        if not errors:
            messages.success(
                request, _("Self-assessment of %(code)s saved.") % {"code": criterion.code}
            )
            return redirect(f"{request.path}?agency={agency.pk}&year={year}#c-{criterion.pk}")
    table = par_table(agency, year=year)
    if request.GET.get("xlsx"):
        from reports.par_workbook import par_workbook

        response = HttpResponse(par_workbook(table, agency_name=agency.name), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="tu-danh-gia-par-index-{agency.code}-{year}.xlsx"'
        )
        return response
    # Plan tasks serving each field, as evidence beside it (a field's code is its number).
    plan_tasks = tasks_by_par_field(agency_and_below([agency]), year=year)
    for line in table.fields:
        code = line.field.code.strip().rstrip(".")
        line.plan_tasks = plan_tasks.get(int(code), []) if code.isdigit() else []
    context |= {
        "agency": agency,
        "year": year,
        "table": table,
        "may_assess": may_assess,
        "errors": errors,
        "query": f"agency={agency.pk}&year={year}",
    }
    return render(request, "reports/par.html", context, status=400 if errors else 200)


# Dimensions with a related figure MotCua counts, and those waiting for another app.
PAPI_FIGURES = {
    PapiDimension.PROCEDURES: ("on_time", gettext_lazy("dossiers resolved early or on time")),
    PapiDimension.E_GOVERNANCE: ("online", gettext_lazy("dossiers submitted fully online")),
    PapiDimension.TRANSPARENCY: (None, gettext_lazy("disclosures published on time")),
    PapiDimension.ACCOUNTABILITY: (None, gettext_lazy("feedback answered on time")),
}


def _province_name(agency) -> str:
    unit = agency.unit
    while unit.parent_id is not None:
        unit = unit.parent
    return unit.name


@staff_required(*OFFICE_ROLES)
@require_http_methods(["GET"])
def papi_page(request):
    form = _year_form(request, request.GET.dict())
    context = {"nav": "papi", "form": form}
    if not form.is_valid():
        return render(request, "reports/papi.html", context)
    agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
    province = _province_name(agency)
    years = [year - 2, year - 1, year]
    scores = {
        (s.year, s.dimension): s
        for s in PapiScore.objects.filter(province=province, year__in=years)
    }
    scope = scope_for(
        agency, first_day=date(year, 1, 1), last_day=min(date(year, 12, 31), timezone.localdate())
    )
    figures = {}
    for dimension, (measure, label) in PAPI_FIGURES.items():
        if measure == "on_time":
            value = rate("on_time", scope)
        elif measure == "online":
            from reports.queries import query_named

            online, eligible = (
                query_named("dossiers_online_full"),
                query_named("dossiers_online_eligible"),
            )
            total = eligible.rows(scope).count()
            value = round(Decimal(online.rows(scope).count() * 100) / total, 2) if total else None
        else:
            value = None
        figures[dimension] = (label, measure is not None, value)
    # The commune's plan tasks serving each dimension: what it does about them (issue 18).
    plan_tasks = tasks_by_papi_dimension(agency_and_below([agency]), year=year)
    rows = [
        (
            dimension,
            [scores.get((y, dimension)) for y in years],
            figures.get(dimension),
            plan_tasks.get(dimension.value, []),
        )
        for dimension in PapiDimension
    ]
    context |= {
        "agency": agency,
        "province": province,
        "year": year,
        "years": years,
        "rows": rows,
    }
    return render(request, "reports/papi.html", context)

"""Targets against the figures, with their trend, for the chosen agency and year."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.forms import AgencyChoiceField
from org.access import OFFICE_ROLES, staff_required
from org.selectors import agency_list_for
from reports import charts
from reports.targets import target_lines
from reports.views_index import top_agency


class TargetsForm(forms.Form):
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


@staff_required(*OFFICE_ROLES)
@require_GET
def targets_page(request):
    today = timezone.localdate()
    agencies = agency_list_for(request.user).filter(is_active=True)
    top = top_agency(agencies)
    defaults = {"year": str(today.year), "agency": str(top.pk) if top else ""}
    years = range(today.year, today.year - 6, -1)
    form = TargetsForm(defaults | request.GET.dict(), agencies=agencies, years=years)
    context = {"nav": "targets", "form": form}
    if form.is_valid():
        agency, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        lines = target_lines(agency, year=year, today=today)
        for index, line in enumerate(lines):
            line.chart = (
                charts.trend(
                    line.trend,
                    title=_("%(measure)s: trend") % {"measure": line.label},
                    ident=f"trend-{index}",
                    target=line.target.value if line.target else None,
                    missing=_("nothing to count"),
                )
                if line.available
                else None
            )
        context |= {"agency": agency, "year": year, "lines": lines}
    return render(request, "reports/targets.html", context)

"""The daily reconciliation page (`payments:daybook`) and its Excel export (?xlsx=1): money taken
per collecting agency and method against the receipts of the day, for the agencies where the
user collects, leads, inspects or administers (and those below), never others (R5)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.forms import DATE_FORMAT, DATE_INPUT, AgencyChoiceField
from org.access import agency_ids_with_role, staff_required
from org.models import Agency, Role
from payments.daybook import day_book, day_book_workbook

DAYBOOK_ROLES = (Role.RECEIVING_OFFICER, Role.LEADER, Role.INSPECTOR, Role.AGENCY_ADMIN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DayBookForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Day"),
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={
            "required": gettext_lazy("Enter the day, as dd/mm/yyyy."),
            "invalid": gettext_lazy("Enter the date as dd/mm/yyyy, e.g. 01/03/2026."),
        },
    )
    agency = AgencyChoiceField(
        label=gettext_lazy("Collecting agency"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All the agencies I can see"),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the agencies in the list.")},
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@staff_required(*DAYBOOK_ROLES)
@require_GET
def daybook_page(request):
    scope = agency_ids_with_role(request.user, DAYBOOK_ROLES)
    agencies = Agency.objects.filter(pk__in=scope, is_active=True).order_by("name")
    today = timezone.localdate()
    data = {"day": today.strftime(DATE_FORMAT)} | request.GET.dict()
    form = DayBookForm(data, agencies=agencies)
    context = {"nav": "daybook", "form": form}
    if not form.is_valid():
        return render(request, "payments/daybook.html", context, status=400)
    chosen = form.cleaned_data["agency"]
    ids = [chosen.pk] if chosen else list(scope)
    book = day_book(agency_ids=ids, day=form.cleaned_data["day"])
    if request.GET.get("xlsx"):
        label = chosen.name if chosen else _("All the agencies I can see")
        response = HttpResponse(day_book_workbook(book, scope=str(label)), content_type=XLSX)
        filename = f"doi-chieu-thu-phi-{book.day:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    query = request.GET.copy()
    query["xlsx"] = "1"
    return render(
        request, "payments/daybook.html", context | {"book": book, "xlsx": query.urlencode()}
    )

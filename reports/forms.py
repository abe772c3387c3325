"""The choice every report starts from: which agency (with everything below it) and which
period, as dd/mm/yyyy."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_FORMAT, DATE_INPUT, LONGEST_PERIOD, AgencyChoiceField


class PeriodForm(forms.Form):
    agency = AgencyChoiceField(
        label=_("Agency"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose an agency."),
            "invalid_choice": _("Choose one of the agencies in the list."),
        },
    )
    start = forms.DateField(
        label=_("From"),
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={
            "required": _("Enter the first day, as dd/mm/yyyy."),
            "invalid": _("Enter the date as dd/mm/yyyy, e.g. 01/03/2026."),
        },
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={
            "required": _("Enter the last day, as dd/mm/yyyy."),
            "invalid": _("Enter the date as dd/mm/yyyy, e.g. 31/03/2026."),
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day must not come after the last day."))
        if start and end and end - start > LONGEST_PERIOD:
            raise forms.ValidationError(_("Choose at most ten years at a time."))
        return cleaned


def year_to_date(today: date) -> dict:
    return {"start": f"{date(today.year, 1, 1):%d/%m/%Y}", "end": f"{today:%d/%m/%Y}"}

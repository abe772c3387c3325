"""Forms of the reform plans' staff pages (dates typed as dd/mm/yyyy, money in whole đồng)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_FORMAT, DATE_INPUT, AgencyChoiceField, RowsChoiceField
from org.models import Agency
from reform.indices import PapiDimension, ParIndexField
from reform.rules import TaskStatus, TimelineKind


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


class MoneyField(forms.Field):
    """Whole đồng as officers type them: 15000000, 15.000.000 or 15 000 000 đ."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "30",
        }

    def prepare_value(self, value):
        # An amount shown back in the form reads as it is typed: 15.000.000.
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        text = str(value or "").strip().lower().removesuffix("đ").strip()
        if not text:
            return None
        text = re.sub(r"[\s.]", "", text)
        if len(text) > 30 or not text.isdigit() or int(text) > 10**15:
            raise ValidationError(_("Enter a whole amount in đồng, e.g. 15.000.000."))
        return int(text)


class PlanForm(forms.Form):
    agency = AgencyChoiceField(label=_("Issuing agency"), queryset=Agency.objects.none())
    number = forms.CharField(
        label=_("Number and symbol"), max_length=40, help_text=_("e.g. 426/KH-UBND")
    )
    issued_on = date_field(_("Issued on"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=300)
    implements = forms.CharField(
        label=_("Implements (higher plan)"),
        max_length=300,
        required=False,
        help_text=_('e.g. "Kế hoạch số 1604/KH-UBND ngày 20/12/2025 của UBND tỉnh"'),
    )
    purpose = forms.CharField(
        label=_("Purposes and requirements"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    signer_title = forms.CharField(
        label=_("Signs as"), max_length=120, required=False, help_text=_("e.g. CHỦ TỊCH")
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=120, required=False)

    def __init__(self, *args, agencies=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies


class TaskForm(forms.Form):
    content = forms.CharField(
        label=_("Task"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_unit = AgencyChoiceField(label=_("Lead unit"), queryset=Agency.objects.none())
    coordinating_units = RowsChoiceField(
        label=_("Coordinating units"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_coordinators = forms.CharField(
        label=_("Other coordinating bodies"),
        max_length=300,
        required=False,
        help_text=_("Outside MotCua, e.g. the Fatherland Front, the hamlet heads."),
    )
    timeline_kind = forms.ChoiceField(
        label=_("Timeline"), choices=TimelineKind.choices, widget=forms.RadioSelect
    )
    due_on = date_field(_("Due by the date"), required=False)
    quarter = forms.TypedChoiceField(
        label=_("Due by the end of quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    budget = MoneyField(
        label=_("Budget (đồng)"),
        required=False,
        help_text=_("Empty when it comes from the regular budget."),
    )
    par_field = forms.TypedChoiceField(
        label=_("Field of the PAR INDEX"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *ParIndexField.choices],
    )
    papi_dimension = forms.TypedChoiceField(
        label=_("PAPI dimension"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *PapiDimension.choices],
    )
    expected_result = forms.CharField(label=_("Expected result"), max_length=300, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units
        self.fields["coordinating_units"].label_from_instance = lambda unit: unit.name

    def clean(self):
        data = super().clean()
        kind = data.get("timeline_kind")
        if kind == TimelineKind.DATE and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Enter the date the task is due by."))
        if kind == TimelineKind.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose the quarter the task is due by."))
        return data


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    reported_on = date_field(_("Report date"))
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    percent_done = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("What was done"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, JPEG, PNG, Word or Excel, up to 20 MB each; at most 10 files."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReviewForm(forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
    )
    held_on = date_field(_("Held on"))
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=120)
    attendees = forms.CharField(
        label=_("Attendees"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minutes = forms.CharField(
        label=_("Minutes"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    conclusions = forms.CharField(
        label=_("Conclusions and next steps"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

"""Forms of the inspection pages (dates typed as dd/mm/yyyy, as on every staff form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_FORMAT, DATE_INPUT, AgencyChoiceField
from inspection.models import Checklist, Finding, OutcomeKind, Result


def date_field(label):
    return forms.DateField(
        label=label,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.username


class StartForm(forms.Form):
    agency = AgencyChoiceField(label=_("Inspected unit"), queryset=None)
    place = forms.CharField(
        label=_("Counter or place"),
        max_length=120,
        required=False,
        help_text=_('E.g. "Quầy số 2"; empty for the whole unit.'),
    )
    inspected_on = date_field(_("Inspected on"))
    checklist = forms.ModelChoiceField(label=_("Checklist"), queryset=None)
    team = forms.CharField(
        label=_("Inspection team"),
        max_length=300,
        help_text=_("Names of the members present, separated by commas."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        checklists = Checklist.objects.filter(is_active=True)
        self.fields["checklist"].queryset = checklists
        # Most teams keep one checklist (the shipped one): it is chosen already.
        first = checklists.first()
        if first is not None and len(checklists) == 1:
            self.fields["checklist"].initial = first.pk


class FindingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    note = forms.CharField(
        label=_("What was found"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"), help_text=_("PDF, photo (JPEG, PNG), Excel or Word; 20 MB.")
    )
    finding = forms.ModelChoiceField(label=_("For item"), queryset=None, required=False)

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = Finding.objects.filter(inspection=inspection)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("What must be done"), max_length=500)
    owner = PersonField(label=_("Owner"), queryset=None)
    due_on = date_field(_("Deadline"))
    finding = forms.ModelChoiceField(label=_("For item"), queryset=None, required=False)

    def __init__(self, *args, inspection, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officers
        self.fields["finding"].queryset = Finding.objects.filter(inspection=inspection)


class DoneForm(forms.Form):
    done_on = date_field(_("Done on"))
    note = forms.CharField(label=_("What was done"), max_length=500)


class OutcomeForm(forms.Form):
    officer = PersonField(label=_("Officer"), queryset=None)
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.CharField(
        label=_("Decision"),
        max_length=200,
        required=False,
        help_text=_("Number and date, if issued."),
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    closed_on = date_field(_("Concluded on"))

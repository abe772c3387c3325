"""Forms of the organisation pages. Errors are written for the person at the keyboard."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.audit_actions import action_choices
from core.workdays import Term, TermUnit
from org.models import Agency


class DeadlineForm(forms.Form):
    received = forms.DateTimeField(
        label=_("Received at"),
        # A text field, not datetime-local: the browser would show its own locale's format
        # (mm/dd/yyyy on an English Chrome); officers type dd/mm/yyyy hh:mm.
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric"},
            format="%d/%m/%Y %H:%M",
        ),
        error_messages={
            "required": _("Enter the date and time the dossier was received."),
            "invalid": _("Enter the time as dd/mm/yyyy hh:mm, e.g. 13/02/2026 10:00."),
        },
    )
    term_value = forms.IntegerField(
        label=_("Time limit"),
        help_text=_("0 working days = same day"),
        min_value=0,
        max_value=365,
        error_messages={
            "required": _("Enter the time limit."),
            "invalid": _("The time limit must be a whole number."),
            "min_value": _("The time limit cannot be negative."),
            "max_value": _("The time limit cannot exceed 365."),
        },
    )
    term_unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[
            (TermUnit.WORKING_DAYS.value, _("working days")),
            (TermUnit.WORKING_HOURS.value, _("working hours")),
        ],
    )
    agency = forms.ModelChoiceField(
        label=_("Agency (office hours)"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Default hours"),
        error_messages={"invalid_choice": _("Choose an agency from the list.")},
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies

    def clean_received(self):
        received = self.cleaned_data["received"]
        # Far dates would overflow the calendar arithmetic; nothing real is received then.
        if not 2000 <= received.year <= 2100:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."))
        return received

    def clean(self):
        data = super().clean()
        if data.get("term_unit") == TermUnit.WORKING_HOURS and data.get("term_value") == 0:
            self.add_error("term_value", _("A time limit in working hours must be at least 1."))
        return data

    def term(self) -> Term:
        return Term(self.cleaned_data["term_value"], TermUnit(self.cleaned_data["term_unit"]))


def _action_choices():
    return [("", _("All actions")), *action_choices()]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=_action_choices, required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "required": _("Enter the 6-digit code."),
            "min_length": _("The code has 6 digits."),
            "max_length": _("The code has 6 digits."),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has digits only."))
        return token

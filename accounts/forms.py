"""The citizen's sign-in and identity forms, with messages in plain words."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from accounts.codes import CODE_LENGTH, DestinationError, parse_destination
from core.validators import validate_person_date

DATE_INPUT = "%d/%m/%Y"


class DestinationForm(forms.Form):
    destination = forms.CharField(
        label=_("Mobile phone number or e-mail address"),
        max_length=254,
        error_messages={"required": _("Enter a mobile phone number or an e-mail address.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )

    def clean_destination(self):
        try:
            return parse_destination(self.cleaned_data["destination"])
        except DestinationError as error:
            raise forms.ValidationError(error.args[0]) from error


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Sign-in code"),
        max_length=CODE_LENGTH * 3,
        error_messages={"required": _("Enter the code from the message.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class IdentityForm(forms.Form):
    id_number = forms.CharField(
        label=_("Personal ID number (12 digits)"),
        max_length=12,
        min_length=12,
        validators=[RegexValidator(r"^[0-9]{12}\Z", _("Enter the 12 digits of the ID number."))],
        error_messages={
            "required": _("Enter the 12 digits of the ID number."),
            "min_length": _("Enter the 12 digits of the ID number."),
            "max_length": _("Enter the 12 digits of the ID number."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Full name, as on the ID card"),
        max_length=150,
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth (day/month/year)"),
        input_formats=[DATE_INPUT],
        validators=[validate_person_date],
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter the date as day/month/year, for example 05/09/1980."),
        },
        widget=forms.DateInput(format=DATE_INPUT, attrs={"autocomplete": "bday"}),
    )

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

"""The online submission form: who submits for whom, where, how the result comes back, and
the upload slots. The e-form itself is the counter's (catalog.eform.build_form_class)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.eform import DATE_FORMAT, IdNumberField
from core.phones import PhoneField
from core.validators import validate_person_date
from dossiers.forms import NotifyByField, clean_notify_by
from dossiers.models import ApplicantKind, ReturnMethod
from dossiers.services import ApplicantData
from online.models import ActingFor

TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
# The fields a draft keeps besides the e-form's (prefixed "ef-") and the uploads.
DRAFT_FIELDS = (
    "acting_for",
    "full_name",
    "id_number",
    "birth_date",
    "address",
    "phone",
    "email",
    "message_channel",
    "organisation_name",
    "tax_code",
    "receiving_agency",
    "return_method",
    # The address for the result by post (postal.forms.AddressForm, prefix "addr").
    "addr-recipient_name",
    "addr-street",
    "addr-province",
    "addr-commune",
    "addr-phone",
)


class SubmissionForm(forms.Form):
    acting_for = forms.ChoiceField(
        label=_("I submit for"),
        choices=ActingFor.choices,
        initial=ActingFor.SELF,
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(
        label=_("Applicant's full name"),
        max_length=150,
        help_text=_("For an organisation: the name of its authorised person."),
        error_messages={"required": _("Enter the applicant's full name.")},
    )
    id_number = IdNumberField(
        label=_("Applicant's ID number (12 digits)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Applicant's date of birth (day/month/year)"),
        required=False,
        input_formats=[DATE_FORMAT],
        validators=[validate_person_date],
        error_messages={"invalid": _("Enter the date as day/month/year, for example 05/09/1980.")},
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(
        label=_("Permanent address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phone = PhoneField(required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("This e-mail address is not valid.")},
    )
    message_channel = NotifyByField(widget=forms.RadioSelect)
    organisation_name = forms.CharField(
        label=_("Organisation's name"), required=False, max_length=255
    )
    tax_code = forms.CharField(label=_("Tax code"), required=False, max_length=14)
    receiving_agency = forms.TypedChoiceField(
        label=_("Receiving one-stop shop"),
        coerce=int,
        help_text=_("Any one-stop shop of the province may receive your dossier."),
        error_messages={"required": _("Choose where your dossier is received.")},
    )
    return_method = forms.ChoiceField(
        label=_("I receive the result"),
        choices=ReturnMethod.choices,
        initial=ReturnMethod.COUNTER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, agencies, return_methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {agency.pk: agency for agency in agencies}
        self.fields["receiving_agency"].choices = [
            ("", _("— choose —")),
            *((agency.pk, agency.name) for agency in agencies),
        ]
        self.fields["return_method"].choices = [
            (value, label) for value, label in ReturnMethod.choices if value in return_methods
        ]

    def clean_tax_code(self) -> str:
        tax_code = self.cleaned_data["tax_code"].replace(" ", "")
        if tax_code and not TAX_CODE.fullmatch(tax_code):
            raise forms.ValidationError(_("A tax code has 10 digits, or 10 digits, a dash and 3."))
        return tax_code

    def clean(self):
        data = super().clean()
        if data.get("acting_for") == ActingFor.ORGANISATION:
            if not data.get("organisation_name"):
                self.add_error("organisation_name", _("Enter the organisation's name."))
            if not data.get("tax_code") and "tax_code" not in self.errors:
                self.add_error("tax_code", _("Enter the organisation's tax code."))
        elif "id_number" in data and not data["id_number"]:
            self.add_error("id_number", _("Enter the applicant's 12-digit ID number."))
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a phone number or an e-mail so we can reach you."))
        clean_notify_by(self)
        return data

    def applicant(self, *, citizen) -> ApplicantData:
        data = self.cleaned_data
        organisation = data["acting_for"] == ActingFor.ORGANISATION
        return ApplicantData(
            kind=ApplicantKind.ORGANISATION if organisation else ApplicantKind.INDIVIDUAL,
            full_name=data["full_name"].strip(),
            id_number=data["id_number"],
            birth_date=data["birth_date"],
            address=data["address"].strip(),
            phone=data["phone"],
            email=data["email"],
            message_channel=data["message_channel"],
            organisation_name=data["organisation_name"].strip() if organisation else "",
            tax_code=data["tax_code"] if organisation else "",
            citizen=citizen,
        )

"""Forms of the reception at the counter: choosing the procedure, and the applicant, return
method and checklist of a new dossier. They parse and check input; dossiers.services writes."""

import re
import uuid

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from catalog.eform import DATE_FORMAT, IdNumberField
from catalog.models import Channel, ProcedureVersion
from core.phones import PhoneField
from core.validators import validate_person_date
from counter.forms_fees import add_fee_fields, clean_fees, counter_fees, fee_charges
from dossiers.forms import NotifyByField, clean_notify_by
from dossiers.forms_checklist import DocumentChecklist
from dossiers.models import ApplicantKind, ReturnMethod, SupportCategory
from dossiers.services import ApplicantData, Reception

TAX_CODE = re.compile(r"\d{10}(-\d{3})?")


def unchecked(form: forms.BaseForm) -> forms.BaseForm:
    """Keep a bound form's values on screen without checking them: refusing an incomplete
    dossier shows what is missing, not complaints about fields nobody finished."""
    form._errors = ErrorDict()
    return form


def with_only_error(form: forms.BaseForm, message) -> forms.BaseForm:
    """Keep a bound form's values on screen with one message above them, checking nothing."""
    unchecked(form)
    form.cleaned_data = {}
    form.add_error(None, message)
    return form


class ProcedurePickForm(forms.Form):
    q = forms.CharField(
        label=_("Find the procedure by name or code (diacritics optional)"),
        required=False,
        max_length=200,
    )


class ReceptionForm(DocumentChecklist, forms.Form):
    """The applicant, the return method and the checklist; the e-form is a separate form
    (catalog.eform) posted with the prefix "ef"."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # A USB scanner types the card's QR text and Enter here (citizens.cccd); the page reads it
    # instead of submitting.
    card = forms.CharField(
        label=_("ID card (scan the QR code)"),
        required=False,
        max_length=2000,
        strip=False,
        help_text=_("Scan the chip ID card's QR code: the applicant's details fill themselves."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reuse_consent = forms.BooleanField(
        label=_("The citizen agrees to reuse the data"), required=False
    )
    # Fields filled from data already held: cleared if another person's card is scanned next.
    reused = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    receiving_agency = forms.TypedChoiceField(label=_("Receiving point"), coerce=int)
    competent_agency = forms.TypedChoiceField(label=_("Competent agency"), coerce=int)
    kind = forms.ChoiceField(
        label=_("The applicant is"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    id_number = IdNumberField(
        label=_("ID number"),
        required=False,
        max_length=20,
        help_text=_("12 digits, as on the chip ID card; required for a person."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=[DATE_FORMAT],
        validators=[validate_person_date],
        widget=forms.DateInput(
            format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", "—"), ("Nam", _("male")), ("Nữ", _("female"))],
    )
    address = forms.CharField(
        label=_("Permanent address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phone = PhoneField(required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    message_channel = NotifyByField()
    organisation_name = forms.CharField(label=_("Organisation"), required=False, max_length=255)
    tax_code = forms.CharField(label=_("Tax code"), required=False, max_length=14)
    request_summary = forms.CharField(
        label=_("Request"),
        required=False,
        max_length=500,
        help_text=_("Leave empty to use the procedure's name."),
    )
    return_method = forms.ChoiceField(
        label=_("The result is returned"),
        choices=ReturnMethod.choices,
        initial=ReturnMethod.COUNTER,
        widget=forms.RadioSelect,
    )
    support_category = forms.ChoiceField(
        label=_("Filled in for the citizen because"),
        required=False,
        choices=[("", _("— the citizen filled it in —")), *SupportCategory.choices],
    )
    assisted_by = forms.TypedChoiceField(label=_("Filled in by"), required=False, coerce=int)
    # Read only when the officer refuses: it goes on the written guidance.
    refusal_note = forms.CharField(
        label=_("When refusing: other things to bring or correct"),
        required=False,
        max_length=2000,
        help_text=_("Written on the guidance printed for the applicant, one item per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args,
        version: ProcedureVersion,
        counters,
        competents,
        with_files=True,
        helpers=(),
        disagreements=(),
        eform_fields=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.version = version
        # The officer at the counter first (the default), then the volunteers on duty.
        self.helpers = {helper.pk: helper for helper in helpers}
        self.fields["assisted_by"].choices = [
            (helper.pk, helper.full_name or helper.get_username()) for helper in helpers
        ]
        self.disagreements = list(disagreements)
        for disagreement in self.disagreements:
            self.fields[f"pick_{disagreement.name}"] = forms.ChoiceField(
                label=disagreement.label,
                choices=[
                    ("card", _("New value: %(value)s") % {"value": disagreement.card}),
                    ("stored", _("Stored value: %(value)s") % {"value": disagreement.stored}),
                ],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose which value is right.")},
            )
        self.agencies = {agency.pk: agency for agency in [*counters, *competents]}
        for name, agencies in (("receiving_agency", counters), ("competent_agency", competents)):
            field = self.fields[name]
            field.choices = [(agency.pk, agency.name) for agency in agencies]
            if len(agencies) == 1:
                field.initial = agencies[0].pk
                field.widget = forms.HiddenInput()
        self.fields["submission_key"].initial = uuid.uuid4()
        self.add_checklist_fields(version, with_files=with_files)
        add_fee_fields(self, counter_fees(version), eform_fields)

    def clean_tax_code(self) -> str:
        tax_code = self.cleaned_data["tax_code"].replace(" ", "")
        if tax_code and not TAX_CODE.fullmatch(tax_code):
            raise forms.ValidationError(_("A tax code has 10 digits, or 10 digits, a dash and 3."))
        return tax_code

    def clean(self):
        data = super().clean()
        if data.get("kind") == ApplicantKind.ORGANISATION:
            if not data.get("organisation_name"):
                self.add_error("organisation_name", _("Enter the organisation's name."))
        elif "id_number" in data and not data["id_number"]:
            self.add_error("id_number", _("Enter the applicant's 12-digit ID number."))
        clean_fees(self)
        clean_notify_by(self)
        self.clean_checklist(
            _(
                "The dossier is not complete: %(documents)s. Tick what was handed in, or "
                "refuse and tell the applicant what is missing."
            )
        )
        return data

    def pick_rows(self):
        """(disagreement, radio buttons) for the block showing both values."""
        return [(d, self[f"pick_{d.name}"]) for d in self.disagreements]

    def picks(self) -> dict[str, str]:
        """{field: "card" or "stored"} for each value the card and the registry disagree on."""
        return {d.name: self.cleaned_data[f"pick_{d.name}"] for d in self.disagreements}

    def applicant_value(self, name: str):
        """The value for this dossier: the stored one where the officer picked it."""
        for disagreement in self.disagreements:
            if disagreement.name == name and self.picks()[name] == "stored":
                stored = disagreement.stored
                return self.fields[name].clean(stored) if name == "birth_date" else stored
        value = self.cleaned_data[name]
        return value.strip() if isinstance(value, str) else value

    def reception(self, *, form_data: dict, citizen=None) -> Reception:
        data = self.cleaned_data
        category = data["support_category"]
        return Reception(
            version=self.version,
            receiving_agency=self.agencies[data["receiving_agency"]],
            competent_agency=self.agencies[data["competent_agency"]],
            applicant=ApplicantData(
                kind=data["kind"],
                full_name=self.applicant_value("full_name"),
                id_number=data["id_number"],
                birth_date=self.applicant_value("birth_date"),
                gender=self.applicant_value("gender"),
                address=self.applicant_value("address"),
                phone=data["phone"],
                email=data["email"],
                message_channel=data["message_channel"],
                organisation_name=data["organisation_name"].strip(),
                tax_code=data["tax_code"],
                citizen=citizen,
            ),
            channel=Channel.DIRECT,
            return_method=data["return_method"],
            form_data=form_data,
            checklist=self.checklist_items(),
            request_summary=data["request_summary"].strip(),
            submission_key=str(data["submission_key"]),
            support_category=category,
            assisted_by=self.helpers.get(data["assisted_by"]) if category else None,
            fees=fee_charges(self),
        )

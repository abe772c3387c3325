"""Forms of the guidance screens (slip, guided online session) and of the models' counts."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from catalog.eform import IdNumberField
from core.forms import DATE_FORMAT, DATE_INPUT, LONGEST_PERIOD, AgencyChoiceField
from core.phones import PhoneField
from counter.models import HardStep


class _AtCentre(forms.Form):
    agency = AgencyChoiceField(
        label=_("Centre"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose the centre."),
            "invalid_choice": _("Choose one of the centres in the list."),
        },
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class GuidanceSlipForm(_AtCentre):
    citizen_name = forms.CharField(
        label=_("Citizen's name"),
        required=False,
        max_length=150,
        help_text=_("Optional: printed on the slip when given."),
    )
    missing = forms.MultipleChoiceField(
        label=_("Documents still missing"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tick documents of this procedure only.")},
    )
    other_items = forms.CharField(
        label=_("Other things to bring or complete"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line, e.g. “Bản sao Giấy khai sinh có chứng thực”."),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].choices = [
            (document.name, document.name) for document in version.documents.all()
        ]

    def clean_other_items(self):
        return self.cleaned_data["other_items"].replace("\x00", "")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("missing") and not cleaned.get("other_items", "").strip():
            raise forms.ValidationError(
                _(
                    "Tick the missing documents or write what else to bring: the slip must "
                    "list at least one thing."
                )
            )
        return cleaned


class GuidedSessionForm(_AtCentre):
    hard_step = forms.ChoiceField(
        label=_("Which step was hardest for the citizen?"),
        choices=HardStep.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the step the citizen found hardest."),
            "invalid_choice": _("Choose the step the citizen found hardest."),
        },
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    submitted = forms.BooleanField(
        label=_("The citizen submitted the dossier online now"),
        required=False,
        initial=True,
        help_text=_("Untick when the citizen will submit later: the session is still counted."),
    )
    full_name = forms.CharField(label=_("Applicant's full name"), required=False, max_length=150)
    id_number = IdNumberField(
        label=_("ID number"),
        required=False,
        max_length=20,
        help_text=_("12 digits, as on the chip ID card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = PhoneField(required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as ten@vidu.vn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The shared label is lower case, for use inside sentences.
        self.fields["id_number"].label = capfirst(str(self.fields["id_number"].label))

    def clean(self):
        cleaned = super().clean()
        for name in ("full_name", "note"):
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].replace("\x00", "").split())
        if cleaned.get("submitted") and not cleaned.get("full_name"):
            self.add_error("full_name", _("Enter the applicant's full name to submit online."))
        return cleaned


class CountsForm(forms.Form):
    """The period, and optionally one agency, procedure or field. Dates as dd/mm/yyyy."""

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
    agency = AgencyChoiceField(
        label=_("Agency"),
        queryset=None,
        required=False,
        empty_label=_("All the agencies I can see"),
        error_messages={"invalid_choice": _("Choose one of the agencies in the list.")},
    )
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=None,
        required=False,
        empty_label=_("All fields"),
        error_messages={"invalid_choice": _("Choose one of the fields in the list.")},
    )
    procedure = forms.TypedChoiceField(
        label=_("Procedure"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the procedures in the list.")},
    )

    def __init__(self, *args, agencies, fields, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["field"].queryset = fields
        # `procedures`: (id, "code – name") pairs of the procedures the user reads.
        self.fields["procedure"].choices = [("", _("All procedures")), *procedures]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day must not come after the last day."))
        if start and end and end - start > LONGEST_PERIOD:
            raise forms.ValidationError(_("Choose at most ten years at a time."))
        return cleaned

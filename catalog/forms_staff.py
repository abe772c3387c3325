"""Forms for administrators editing a draft version and its tables."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    ChannelTerm,
    Fee,
    ProcedureField,
    ProcedureVersion,
    RequiredDocument,
    Step,
)
from core.files import CATALOGUE_TEMPLATE, check_upload
from core.forms import RowsChoiceField
from org.models import Agency

VERSION_FIELDS = [
    "name",
    "field",
    "implementing_level",
    "competent_agency_kind",
    "competent_agency_note",
    "online_level",
    "postal_receipt",
    "postal_return",
    "result_type",
    "requirements",
    "legal_basis",
    "publishing_decision",
]


class VersionForm(forms.ModelForm):
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=ProcedureField.objects.all(), empty_label=_("— choose —")
    )

    class Meta:
        model = ProcedureVersion
        fields = VERSION_FIELDS
        widgets = {
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "name": forms.TextInput(),
        }


class ProcedureNewForm(forms.Form):
    national_code = forms.RegexField(
        label=_("National code"),
        regex=r"^\d\.\d{6}$",
        max_length=40,
        error_messages={
            "invalid": _("The national code looks like 1.001193 (digit, dot, six digits).")
        },
    )
    local_code = forms.CharField(label=_("Local code"), max_length=80, required=False)
    name = forms.CharField(label=_("Name"), max_length=500)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=ProcedureField.objects.all(), empty_label=_("— choose —")
    )
    agencies = RowsChoiceField(label=_("Agencies that handle it"), queryset=Agency.objects.none())

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agencies"].queryset = agencies


class DocumentForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = [
            "name",
            "originals",
            "certified_copies",
            "photocopies",
            "is_mandatory",
            "condition",
            "template",
            "filling_guide",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "filling_guide": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_template(self):
        upload = self.cleaned_data.get("template")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload, kinds=CATALOGUE_TEMPLATE, max_bytes=5 * 2**20)
        return upload


ChannelFormSet = inlineformset_factory(
    ProcedureVersion,
    ChannelTerm,
    fields=["available", "term_value", "term_unit", "term_text"],
    extra=0,
    can_delete=False,
)
FeeFormSet = inlineformset_factory(
    ProcedureVersion,
    Fee,
    fields=["name", "amount", "channel", "collected_at", "note"],
    extra=1,
    can_delete=True,
)
DocumentFormSet = inlineformset_factory(
    ProcedureVersion,
    RequiredDocument,
    form=DocumentForm,
    extra=1,
    can_delete=True,
)
StepFormSet = inlineformset_factory(
    ProcedureVersion,
    Step,
    fields=["title", "responsible", "budget_value", "budget_unit", "description"],
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
)

FORMSETS = {
    "channels": ChannelFormSet,
    "fees": FeeFormSet,
    "documents": DocumentFormSet,
    "steps": StepFormSet,
}

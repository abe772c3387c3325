"""The metadata form of a digitised component (Decree 118 art. 19.2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digitised.services import Metadata, metadata_problems

DATE_FORMAT = "%d/%m/%Y"
DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
DATE_ERRORS = {"invalid": _("Write the date as dd/mm/yyyy, e.g. 05/03/2026.")}


class MetadataForm(forms.Form):
    document_type_code = forms.CharField(
        label=_("Document type code"), max_length=40, help_text=_("e.g. GKS, CCCD, KQ.1.001193")
    )
    holder_id_number = forms.CharField(
        label=_("Holder's ID number"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Document name"), max_length=255)
    number = forms.CharField(label=_("Number and symbol"), max_length=80, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs=DATE_ATTRS),
        error_messages=DATE_ERRORS,
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs=DATE_ATTRS),
        help_text=_("Empty when it does not expire."),
        error_messages=DATE_ERRORS,
    )
    issuer = forms.CharField(label=_("Issuing agency"), max_length=255)

    def metadata(self) -> Metadata:
        data = self.cleaned_data
        return Metadata(
            document_type_code=data.get("document_type_code", ""),
            holder_id_number=(data.get("holder_id_number") or "").replace(" ", ""),
            name=data.get("name", ""),
            number=data.get("number", ""),
            summary=data.get("summary", ""),
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
            issuer=data.get("issuer", ""),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for name, message in metadata_problems(self.metadata()).items():
                self.add_error(name, message)
        return cleaned

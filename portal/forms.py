"""Forms of the catalogue pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import OnlineLevel
from catalog.selectors import CatalogueFilter


class CatalogueSearchForm(forms.Form):
    """The public search: every field optional; a bad value is dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    linh_vuc = forms.ChoiceField(label=_("Field"), required=False)
    co_quan = forms.ChoiceField(label=_("Agency"), required=False)
    truc_tuyen = forms.ChoiceField(
        label=_("Online"),
        required=False,
        choices=[("", _("All"))] + [(v, label) for v, label in OnlineLevel.choices],
    )
    buu_chinh = forms.BooleanField(label=_("Accepts dossiers by post"), required=False)

    def __init__(self, *args, fields=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linh_vuc"].choices = [("", _("All fields"))] + [
            (field.code, field.name) for field in fields
        ]
        self.fields["co_quan"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.name) for agency in agencies
        ]

    def criteria(self) -> CatalogueFilter:
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return CatalogueFilter(
            query=data.get("q", ""),
            field=data.get("linh_vuc", ""),
            agency=data.get("co_quan", ""),
            online_level=data.get("truc_tuyen", ""),
            postal=bool(data.get("buu_chinh")),
        )

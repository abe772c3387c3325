"""Forms of the disclosure register's staff pages (dates typed as dd/mm/yyyy)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from disclosure.models import Hamlet, Place
from disclosure.rules import CATEGORIES
from disclosure.tables import COLUMNS
from org.models import Agency

DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


def _writable_categories():
    # Procedures are published by the catalogue: the register links to it, it is not re-entered.
    return [(key, c.label) for key, c in CATEGORIES.items() if not c.catalogue_link]


class ItemForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=())
    title = forms.CharField(label=_("Title"), max_length=300)
    period_label = forms.CharField(
        label=_("Period"), max_length=80, help_text=_('As printed, e.g. "Năm 2026".')
    )
    period_start = date_field(_("Period starts"))
    period_end = date_field(_("Period ends"))
    issued_on = date_field(
        _("Document issued on"),
        required=False,
        help_text=_("The deadline to disclose counts from this day."),
    )
    hamlet = forms.ModelChoiceField(
        label=_("Hamlet"), queryset=Hamlet.objects.none(), required=False
    )
    body = forms.CharField(
        label=_("Content"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Names and hamlets only: never ID card or phone numbers."),
    )

    def __init__(self, *args, agencies, hamlets, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["hamlet"].queryset = hamlets
        self.fields["category"].choices = [("", _("— choose —")), *_writable_categories()]
        if editing:
            del self.fields["agency"]
            del self.fields["category"]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        agency, hamlet = data.get("agency"), data.get("hamlet")
        if agency and hamlet and hamlet.agency_id != agency.pk:
            self.add_error("hamlet", _("This hamlet belongs to another commune."))
        return data


class PublishForm(forms.Form):
    publish_from = date_field(_("Shown from"))
    publish_until = date_field(
        _("Shown until"), required=False, help_text=_("Empty: until it is withdrawn.")
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PostingForm(forms.Form):
    place = forms.ChoiceField(label=_("Place"), choices=Place.choices)
    posted_on = date_field(_("Posted on"))
    taken_down_on = date_field(_("Taken down on"), required=False)
    responsible = forms.CharField(label=_("Responsible person"), max_length=120)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG or PNG (maps), Excel or Word; at most 20 MB.")
    )


class ImportForm(forms.Form):
    sheet = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The first sheet; its first row names the columns. Replaces the table."),
    )


def row_form_class(kind):
    """A form for one row of `kind`'s table, built from its columns; values are checked again
    by disclosure.tables.clean_row, the one rule for rows typed and rows imported."""
    fields = {}
    for column in COLUMNS[kind]:
        if column.kind == "choice":
            field = forms.ChoiceField(
                label=column.label,
                choices=[("", _("— choose —")), *column.choices],
                required=column.required,
            )
        elif column.kind == "date":
            field = forms.CharField(
                label=column.label,
                required=column.required,
                widget=forms.TextInput(attrs=DATE_INPUT),
            )
        else:
            attrs = {"inputmode": "numeric"} if column.kind in ("money", "count") else {}
            field = forms.CharField(
                label=column.label,
                required=column.required,
                max_length=300,
                widget=forms.TextInput(attrs=attrs),
            )
        fields[column.key] = field
    return type("RowForm", (forms.Form,), fields)

"""Forms for drafts for public comment: the staff's and the public's (with its honeypot)."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.forms import AgencyChoiceField
from core.phones import InvalidPhone, normalise_phone
from disclosure.forms import date_field
from disclosure.models import Decision


class DraftForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("What it is about"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few lines for residents: what changes, for whom."),
    )
    body = forms.CharField(
        label=_("Text of the draft"), max_length=100_000, widget=forms.Textarea(attrs={"rows": 12})
    )
    opens_on = date_field(_("Comments open on"))
    closes_on = date_field(_("Comments close on"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class DraftEditForm(DraftForm):
    """The same boxes without the agency (a draft stays with its agency), and the version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, agencies=None, **kwargs)
        del self.fields["agency"]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    section = forms.CharField(
        label=_("Which article or part (optional)"), max_length=120, required=False
    )
    author_name = forms.CharField(
        label=_("Your name (optional, shown with the comment)"), max_length=120, required=False
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional, never shown)"),
        max_length=120,
        required=False,
        help_text=_("Only if you want the commune to contact you about your comment."),
    )
    # A honeypot: hidden from sighted people by CSS, announced to screen readers as a box to
    # leave empty. Bots fill every box. No CAPTCHA a blind citizen could not pass.
    website = forms.CharField(label=_("Leave this box empty"), required=False, max_length=200)

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This box must stay empty."))
        return ""

    def clean_contact(self) -> str:
        raw = self.cleaned_data["contact"].strip()
        if not raw:
            return ""
        if "@" in raw:
            try:
                validate_email(raw)
            except forms.ValidationError as error:
                raise forms.ValidationError(_("This e-mail address is not valid.")) from error
            return raw.lower()
        try:
            return normalise_phone(raw)
        except InvalidPhone as error:
            raise forms.ValidationError(
                _("Write a phone number of 10 digits (e.g. 0912 345 678) or an e-mail address.")
            ) from error


class ModerateForm(forms.Form):
    show = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Show it")), ("0", _("Do not show it"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(
        label=_("Reason if not shown"),
        max_length=300,
        required=False,
        help_text=_("E.g. abusive, advertising, not about this draft."),
    )


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label=_("Official reply"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision = forms.ChoiceField(label=_("Accepted?"), choices=Decision.choices)
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed in the draft, or why not."),
    )


class SummaryForm(VersionForm):
    intro = forms.CharField(
        label=_("General explanation"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Printed above the table: how the comments were gathered and used."),
    )

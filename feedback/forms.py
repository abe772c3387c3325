"""Forms for feedback intake (public and staff) and for the workflow's actions."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from catalog.models import ProcedureVersion
from catalog.selectors import published_versions
from core.phones import InvalidPhone, normalise_phone
from dossiers.models import Dossier
from feedback import rules
from feedback.models import STAFF_CHANNELS, FeedbackItem, Kind
from feedback.workflow import Action
from org.access import agency_and_above, agency_ids_with_role
from org.models import Agency, AgencyKind, Role

CONTENT_MAX = 4000
SUBJECT_MAX = 200


class _IntakeForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency the feedback is for"),
        queryset=Agency.objects.none(),
        empty_label=_("— choose the agency —"),
    )
    kind = forms.ChoiceField(
        label=_("Feedback or recommendation"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        initial=Kind.REPORT,
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    content = forms.CharField(
        label=_("What happened, and what you propose"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    procedure_version = forms.ModelChoiceField(
        label=_("Procedure it is about (optional)"),
        queryset=ProcedureVersion.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    dossier_code = forms.CharField(
        label=_("Dossier code, if it is about a dossier (optional)"), max_length=80, required=False
    )
    sender_name = forms.CharField(label=_("Full name"), max_length=200)
    sender_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    sender_email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    sender_address = forms.CharField(label=_("Address (optional)"), max_length=255, required=False)
    publish_identity = forms.BooleanField(
        label=_("My name may be shown with the published answer"), required=False
    )
    needs_contact = True

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["procedure_version"].queryset = published_versions().order_by("name")

    def clean_sender_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["sender_phone"])
        except InvalidPhone as error:
            raise forms.ValidationError(
                _("This is not a phone number: write 10 digits, e.g. 0912 345 678.")
            ) from error

    def clean_dossier_code(self) -> Dossier | None:
        code = self.cleaned_data["dossier_code"].strip().upper()
        if not code:
            return None
        dossier = Dossier.objects.filter(code=code).first()
        if dossier is None:
            raise forms.ValidationError(
                _("No dossier has this code. Check it on the receipt, or leave the box empty.")
            )
        return dossier

    def clean(self):
        data = super().clean()
        if (
            self.needs_contact
            and not (data.get("sender_phone") or data.get("sender_email"))
            and not self.has_error("sender_phone")
        ):
            self.add_error(
                "sender_phone", _("Give a phone number or an e-mail address, so we can answer you.")
            )
        return data


def public_agencies():
    """The agencies a citizen writes to: the commune and provincial committees and centres."""
    return Agency.objects.filter(
        is_active=True,
        kind__in=[
            AgencyKind.COMMUNE_COMMITTEE,
            AgencyKind.COMMUNE_CENTRE,
            AgencyKind.PROVINCIAL_COMMITTEE,
            AgencyKind.PROVINCIAL_CENTRE,
        ],
    ).order_by("name")


class PublicFeedbackForm(_IntakeForm):
    # A honeypot: hidden from sighted people by CSS, announced to screen readers as a box to
    # leave empty. Bots fill every box. No CAPTCHA a blind citizen could not pass.
    website = forms.CharField(label=_("Leave this box empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, agencies=public_agencies(), **kwargs)

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This box must stay empty."))
        return ""


class StaffIntakeForm(_IntakeForm):
    channel = forms.ChoiceField(
        label=_("Received by"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )
    # A letter may come without a phone or e-mail: it is answered by post.
    needs_contact = False

    def __init__(self, *args, user, **kwargs):
        # A counter officer registers for the agency their counter serves (their centre's
        # committee, above them); a leader for their own agency.
        ids = agency_and_above(agency_ids_with_role(user, {Role.RECEIVING_OFFICER, Role.LEADER}))
        super().__init__(*args, agencies=public_agencies().filter(pk__in=ids), **kwargs)
        self.order_fields(["channel"])


NOTE_LABELS = {
    Action.REJECT: _("Reason it is not accepted (the person is told)"),
    Action.REDIRECT: _("Notice: which procedure and agency it goes to"),
    Action.FORWARD: _("Notice to the person"),
    Action.ANSWER: _("Answer (sent to the person)"),
}


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        max_length=CONTENT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, label=_("Officer")
    )
    forwarded_to = forms.CharField(max_length=255, required=False, label=_("Competent agency"))
    public_question = forms.CharField(
        max_length=CONTENT_MAX,
        required=False,
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    public_answer = forms.CharField(
        max_length=CONTENT_MAX,
        required=False,
        label=_("Answer as published"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, edge, item: FeedbackItem, *args, handlers=None, **kwargs):
        super().__init__(*args, prefix=edge.action, **kwargs)
        self.edge = edge
        self.item = item
        self.fields["version"].initial = item.version
        wanted = {"version"}
        if edge.action in NOTE_LABELS:
            wanted.add("note")
            self.fields["note"].label = NOTE_LABELS[edge.action]
            self.fields["note"].required = True
        if edge.action == Action.ASSIGN:
            wanted.add("assignee")
            self.fields["assignee"].queryset = (
                handlers if handlers is not None else get_user_model().objects.none()
            )
            self.fields["assignee"].required = True
        if edge.action == Action.FORWARD:
            wanted.add("forwarded_to")
            self.fields["forwarded_to"].required = True
        if edge.action == Action.PUBLISH:
            wanted |= {"public_question", "public_answer"}
            names = [item.sender_name]
            self.fields["public_question"].initial = rules.redact(item.content, names=names)
            self.fields["public_answer"].initial = rules.redact(item.answer, names=names)
            self.fields["public_question"].required = True
            self.fields["public_answer"].required = True
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]

    @property
    def label(self) -> str:
        return Action(self.edge.action).label

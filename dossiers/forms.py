"""Forms of the officer workspace: queue filters, reception at the counter and the workflow
actions of the dossier page. They parse and check input; the services write."""

import re

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Channel
from core.validators import validate_office_date
from dossiers.forms_results import add_result_fields, clean_result_fields
from dossiers.messages import message_channel_problem
from dossiers.models import NotifyBy
from dossiers.selectors import QUEUE_KEYS, QueueFilter
from dossiers.services import Move
from dossiers.workflow import Action, Edge, State
from org.models import Agency

TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
DATE_TIME_FORMAT = "%d/%m/%Y %H:%M"


def unchecked(form: forms.BaseForm) -> forms.BaseForm:
    """Keep a bound form's values on screen without checking them: refusing an incomplete
    dossier shows what is missing, not complaints about fields nobody finished."""
    form._errors = ErrorDict()
    return form


class QueueFilterForm(forms.Form):
    hang = forms.ChoiceField(choices=[(key, key) for key in QUEUE_KEYS], required=False)
    q = forms.CharField(
        label=_("Code, applicant's name or ID number"), required=False, max_length=100
    )
    trang_thai = forms.ChoiceField(
        label=_("State"), choices=[("", _("any state")), *State.choices], required=False
    )
    kenh = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("any channel")), *Channel.choices], required=False
    )

    def criteria(self) -> QueueFilter:
        """The valid filters; a garbled one is ignored rather than breaking the queue."""
        self.is_valid()
        values = self.cleaned_data
        return QueueFilter(
            queue=values.get("hang") or QUEUE_KEYS[0],
            query=(values.get("q") or "").replace("\x00", ""),
            state=values.get("trang_thai") or "",
            channel=values.get("kenh") or "",
        )


class ActionForm(forms.Form):
    """One workflow action on the dossier page, with the version of the dossier it showed."""

    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    has_files = False

    def __init__(
        self,
        *args,
        edge: Edge,
        assignees=None,
        agencies=None,
        return_method="",
        due_at=None,
        **kwargs,
    ):
        kwargs.setdefault("auto_id", f"{edge.action}-%s")
        super().__init__(*args, **kwargs)
        self.edge = edge
        self.due_at = due_at
        self.label = Action(edge.action).label
        self.outcome = State(edge.target).label if edge.target else None
        self.fields["action"].initial = edge.action
        if edge.action == Action.ASSIGN:
            self.fields["assignee"] = forms.ModelChoiceField(
                label=_("Specialist"), queryset=assignees, empty_label=_("— choose —")
            )
        if edge.action == Action.TRANSFER:
            self.fields["to_agency"] = forms.ModelChoiceField(
                label=_("Agency"),
                queryset=agencies if agencies is not None else Agency.objects.none(),
                empty_label=_("— choose —"),
            )
        if edge.action == Action.APOLOGISE:
            self.fields["new_due_at"] = forms.DateTimeField(
                label=_("New date and time"),
                input_formats=[DATE_TIME_FORMAT],
                validators=[validate_office_date],
                help_text=_("Day/month/year hour:minute, e.g. 20/03/2026 16:00."),
                widget=forms.DateTimeInput(
                    format=DATE_TIME_FORMAT, attrs={"placeholder": "dd/mm/yyyy hh:mm"}
                ),
            )
        if edge.needs_reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason"),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Written on the notice to the applicant."),
            )
        add_result_fields(self, action=edge.action, return_method=return_method)

    def clean(self):
        data = super().clean()
        clean_result_fields(self, data)
        return data

    def clean_new_due_at(self):
        """The service refuses these too; here the officer sees why beside the field."""
        new_due_at = self.cleaned_data["new_due_at"]
        if self.due_at is not None and new_due_at <= self.due_at:
            raise forms.ValidationError(_("The new date must come after the current due date."))
        if new_due_at <= timezone.now():
            raise forms.ValidationError(_("The new date must come after now."))
        return new_due_at

    def move(self) -> Move:
        data = self.cleaned_data
        return Move(
            action=self.edge.action,
            expected_version=data["version"],
            reason=data.get("reason", "").strip(),
            assignee=data.get("assignee"),
            to_agency=data.get("to_agency"),
            new_due_at=data.get("new_due_at"),
        )


class NotifyByField(forms.ChoiceField):
    """How the applicant wants to hear of their dossier (dossiers.models.NotifyBy), for the
    counter's and the portal's forms; the form checks the choice against the contacts given
    with `clean_notify_by`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Send me news of the dossier"))
        super().__init__(choices=NotifyBy.choices, required=False, initial="", **kwargs)


def clean_notify_by(form) -> None:
    data = form.cleaned_data
    problem = message_channel_problem(
        data.get("message_channel", ""), phone=data.get("phone", ""), email=data.get("email", "")
    )
    if problem and "phone" not in form.errors and "email" not in form.errors:
        form.add_error("message_channel", problem)

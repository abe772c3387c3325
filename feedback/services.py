"""Writes for feedback: intake from every channel, and moving an item along the workflow table.
Each write is one transaction with its history row and audit row; messages go out on commit."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import ProcedureVersion
from core.actors import Actor, as_actor
from core.audit import audit_record
from core.selectors import working_calendar
from core.text import fold
from core.workdays import to_vietnam_time
from dossiers.models import Dossier
from feedback import rules
from feedback.messages import tell_sender
from feedback.models import FeedbackItem, FeedbackStep
from feedback.selectors import intake_point
from feedback.workflow import REGISTER, Action, State, edge_for, refusal, staff_roles_over
from org.access import holds_role_over
from org.models import Agency, Role
from org.selectors import office_hours_for


class FeedbackError(Exception):
    """The action is not allowed now; the message says why, for the person who tried."""


class Conflict(FeedbackError):
    """Someone else changed the item since this page was loaded (R3)."""


STALE = gettext_lazy(
    "Someone else changed this feedback a moment ago. Reload the page to see what changed."
)


@dataclass
class Submission:
    """What the person said, and how it came in. Checked by the form before it gets here."""

    agency: Agency
    channel: str
    kind: str
    sender_name: str
    subject: str
    content: str
    sender_phone: str = ""
    sender_email: str = ""
    sender_address: str = ""
    publish_identity: bool = False
    procedure_version: ProcedureVersion | None = None
    dossier: Dossier | None = None


def _who(actor: Actor) -> dict:
    return {
        "actor": actor.user if actor.is_staff else None,
        "actor_kind": actor.kind,
        "actor_label": actor.label,
    }


def _audited(actor: Actor, new: dict) -> dict:
    if actor.is_staff:
        return {"actor": actor.user, "new": new}
    return {"actor": None, "new": {**new, "actor": f"{actor.kind}:{actor.label}"}}


def feedback_register(
    *, submission: Submission, actor, now: datetime | None = None
) -> FeedbackItem:
    """Register one item: its code, its first history row, the receipt message to the person.
    `actor`: the member of staff who typed it (counter, hotline, letter), or `Actor.applicant()`
    for the public form."""
    actor = as_actor(actor)
    now = now or timezone.now()
    version = submission.procedure_version
    for _attempt in range(5):
        try:
            with transaction.atomic():
                item = FeedbackItem.objects.create(
                    code=rules.make_code(to_vietnam_time(now).date()),
                    agency=submission.agency,
                    intake_agency=intake_point(submission.agency),
                    channel=submission.channel,
                    kind=submission.kind,
                    sender_name=submission.sender_name.strip(),
                    sender_phone=submission.sender_phone,
                    sender_email=submission.sender_email,
                    sender_address=submission.sender_address.strip(),
                    publish_identity=submission.publish_identity,
                    subject=submission.subject.strip(),
                    content=submission.content.strip(),
                    procedure_version=version,
                    field_id=version.field_id if version else None,
                    dossier=submission.dossier,
                    received_at=now,
                )
                FeedbackStep.objects.create(
                    item=item,
                    at=now,
                    action=REGISTER,
                    to_state=State.REGISTERED,
                    **_who(actor),
                    note=item.get_channel_display(),
                )
                tell_sender(item, what="register")
                audit_record(
                    action="feedback_register",
                    agency_code=item.agency.code,
                    obj=item,
                    **_audited(actor, {"state": item.state, "channel": item.channel}),
                )
            return item
        except IntegrityError:
            # Two codes drawn alike (one chance in hundreds of millions a day): draw again.
            continue
    raise FeedbackError(_("The feedback could not be registered. Please try again."))


@dataclass
class Move:
    """What the officer asked for, with the item version their page showed."""

    action: str
    expected_version: int
    note: str = ""  # the reason, the notice, or the answer: what the edge needs
    assignee: object = None
    forwarded_to: str = ""
    public_question: str = ""
    public_answer: str = ""


def feedback_transition(
    *, item_id: int, move: Move, actor, now: datetime | None = None
) -> FeedbackItem:
    """Apply one workflow action. Raises Conflict when the item changed since the actor's page
    was loaded, FeedbackError when the action is not allowed; nothing is written then."""
    actor = as_actor(actor)
    now = now or timezone.now()
    with transaction.atomic():
        rows = FeedbackItem.objects.select_related("agency")
        if connection.features.has_select_for_update:
            rows = rows.select_for_update(of=("self",))
        item = rows.get(pk=item_id)
        if item.version != move.expected_version:
            raise Conflict(STALE)
        edge = edge_for(move.action, item.state)
        if edge is None:
            raise FeedbackError(
                _("This action is not possible while the feedback is “%(state)s”.")
                % {"state": State(item.state).label}
            )
        if edge.needs_reason and not move.note.strip():
            raise FeedbackError(_("Write the text this action needs: the person is told it."))
        roles = staff_roles_over(actor.user, item) if actor.is_staff else frozenset()
        refused = refusal(item, actor, edge, roles=roles)
        if refused:
            raise FeedbackError(refused)
        before = item.state
        changes = _effects(item, move, now)
        updated = FeedbackItem.objects.filter(pk=item.pk, version=move.expected_version).update(
            state=edge.target, version=F("version") + 1, **changes
        )
        if updated != 1:
            raise Conflict(STALE)
        item.refresh_from_db()
        FeedbackStep.objects.create(
            item=item,
            at=now,
            action=move.action,
            from_state=before,
            to_state=edge.target,
            **_who(actor),
            assignee=move.assignee if move.action == Action.ASSIGN else None,
            note=move.note.strip(),
            due_at=item.due_at,
        )
        _tell(item, move)
        audit_record(
            action=f"feedback_{move.action}",
            agency_code=item.agency.code,
            obj=item,
            old={"state": before},
            **_audited(actor, {"state": item.state, "version": item.version}),
        )
    return item


def _effects(item: FeedbackItem, move: Move, now: datetime) -> dict:
    """The fields an action sets besides the state, after checking what the officer typed."""
    action = move.action
    calendar, hours = working_calendar(), office_hours_for(item.agency)
    if action in (Action.REJECT, Action.REDIRECT):
        return {"decision_note": move.note.strip(), "due_at": None}
    if action == Action.DECLARE_OUTSIDE:
        return {"due_at": rules.forward_due(item.received_at, calendar=calendar, hours=hours)}
    if action == Action.FORWARD:
        if not move.forwarded_to.strip():
            raise FeedbackError(_("Name the competent agency the feedback is forwarded to."))
        return {"forwarded_to": move.forwarded_to.strip(), "decision_note": move.note.strip()}
    if action == Action.ACCEPT:
        due = rules.answer_due(
            item.received_at, days=settings.FEEDBACK_ANSWER_DAYS, calendar=calendar, hours=hours
        )
        return {"due_at": due}
    if action == Action.ASSIGN:
        assignee = move.assignee
        if assignee is None or not holds_role_over(
            assignee, {Role.SPECIALIST, Role.LEADER}, {item.agency_id}
        ):
            raise FeedbackError(_("Choose an officer of this agency who handles feedback."))
        return {"assignee": assignee}
    if action == Action.ANSWER:
        return {"answer": move.note.strip(), "answered_at": now}
    if action == Action.PUBLISH:
        question, answer = move.public_question.strip(), move.public_answer.strip()
        if not question or not answer:
            raise FeedbackError(_("Write the public question and answer to publish."))
        names = [item.subject, question, answer]
        if item.procedure_version is not None:
            names += [item.procedure_version.name, item.procedure_version.procedure.code]
        return {
            "public_question": question,
            "public_answer": answer,
            "published_at": now,
            "public_search_text": fold(" ".join(names)),
        }
    return {}


def _tell(item: FeedbackItem, move: Move) -> None:
    """The person hears of every decision about their feedback (Decree 20/2008 art. 11)."""
    if move.action in (Action.REJECT, Action.REDIRECT, Action.FORWARD, Action.ANSWER):
        tell_sender(item, what=move.action, note=move.note)
    elif move.action == Action.PUBLISH:
        tell_sender(item, what="publish")

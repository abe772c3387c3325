"""Moving a dossier along the workflow table: one action at a time, under a row lock and a
compare-and-set on its version, with its history, event and audit row."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.actors import Actor, as_actor
from core.audit import audit_record
from core.workdays import due_after_supplement, due_at, extend_for_pause
from dossiers.events import dossier_announce
from dossiers.models import Dossier, StatusChange
from dossiers.services_shared import STALE, Conflict, WorkflowError, _audited, _clock, _term, _who
from dossiers.workflow import (
    COUNTER_ROLES,
    SUPPLEMENT_WINDOW,
    Action,
    State,
    edge_for,
    refusal,
    staff_roles_over,
)
from org.access import holds_role_over
from org.models import Agency, Role


@dataclass
class Move:
    """What the person asked for, with the dossier version their page showed."""

    action: str
    expected_version: int
    reason: str = ""
    note: str = ""
    assignee: object = None
    to_agency: Agency | None = None
    new_due_at: datetime | None = None
    # When it happened, if before now: the carrier's delivery time for a result returned by
    # post, the date the law counts. Never later than the moment it is recorded.
    at: datetime | None = None


def dossier_transition(*, dossier_id: int, move: Move, actor) -> Dossier:
    """Apply one workflow action as `actor` (an `Actor`, or a logged-in user: a member of
    staff). Raises Conflict when the dossier changed since the actor's page was loaded,
    WorkflowError when the action is not allowed; nothing is written then."""
    actor = as_actor(actor)
    with transaction.atomic():
        rows = Dossier.objects.select_related("procedure_version", "handling_agency")
        if connection.features.has_select_for_update:
            rows = rows.select_for_update(of=("self",))
        dossier = rows.get(pk=dossier_id)
        if dossier.version != move.expected_version:
            raise Conflict(STALE)
        edge = edge_for(move.action, dossier.state)
        if edge is None:
            raise WorkflowError(
                _("This action is not possible while the dossier is “%(state)s”.")
                % {"state": State(dossier.state).label}
            )
        if edge.needs_reason and not move.reason.strip():
            raise WorkflowError(_("Give the reason: it is written on the notice to the applicant."))
        now = timezone.now()
        roles = staff_roles_over(actor.user, dossier) if actor.is_staff else frozenset()
        refused = refusal(dossier, actor, edge, now=now, roles=roles)
        if refused:
            raise WorkflowError(refused)
        before = dossier.state
        # Where the actor stood: the counter for counter roles, else the agency that handled
        # the dossier before this action (a transfer changes it).
        acted_at = (
            dossier.receiving_agency_id
            if edge.roles <= COUNTER_ROLES
            else dossier.handling_agency_id
        )
        target = edge.target or before
        changes = _effects(dossier, move, now)
        # Compare-and-set: on engines without row locks the version check is the lock.
        updated = Dossier.objects.filter(pk=dossier.pk, version=move.expected_version).update(
            state=target, version=F("version") + 1, **changes
        )
        if updated != 1:
            raise Conflict(STALE)
        dossier.refresh_from_db()
        StatusChange.objects.create(
            dossier=dossier,
            at=now,
            action=move.action,
            from_state=before,
            to_state=target,
            **_who(actor),
            actor_agency_id=acted_at,
            handed_to=move.assignee if move.action == Action.ASSIGN else None,
            handed_to_agency=move.to_agency if move.action == Action.TRANSFER else None,
            reason=move.reason,
            note=move.note,
            due_at=dossier.effective_due_at,
        )
        dossier_announce(
            dossier=dossier,
            action=move.action,
            from_state=before,
            actor=actor,
            agency_code=dossier.handling_agency.code,
            reason=move.reason,
        )
        # Last: the audit row locks the chain head until commit (core.audit).
        audit_record(
            action=f"dossier_{move.action}",
            agency_code=dossier.handling_agency.code,
            obj=dossier,
            old={"state": before},
            **_audited(actor, {"state": target, "version": dossier.version}),
        )
    return dossier


def dossiers_close_unsupplemented() -> int:
    """Close every dossier whose supplement has not arrived 15 days after the request (Decree
    118 art. 19.5), as the system, each in its own transaction; return how many were closed.

    Run daily (`manage.py close_unsupplemented`). A dossier someone acts on meanwhile (the
    supplement arrives at the counter) is left alone: its version no longer matches."""
    limit = timezone.now() - SUPPLEMENT_WINDOW
    overdue = Dossier.objects.filter(
        state=State.SUPPLEMENT_REQUESTED, supplement_requested_at__lte=limit
    ).values_list("pk", "version")
    # Recorded text, printed on the stop notice: in the official language whoever runs the job.
    with translation.override(settings.LANGUAGE_CODE):
        reason = _(
            "The supplement was not provided within 15 days of the request "
            "(Decree 118/2025/NĐ-CP, article 19.5)."
        )
    closed = 0
    for pk, version in overdue.iterator():
        move = Move(action=Action.CLOSE_UNSUPPLEMENTED, expected_version=version, reason=reason)
        try:
            dossier_transition(dossier_id=pk, move=move, actor=CLOSING_JOB)
        except WorkflowError:
            continue
        closed += 1
    return closed


CLOSING_JOB = Actor.system("close_unsupplemented")


def _effects(dossier: Dossier, move: Move, now) -> dict:
    """The fields an action changes besides the state, or WorkflowError when what the person
    chose does not fit (the rules of law that forbid an action are the table's guards)."""
    action = move.action
    calendar, hours = _clock(dossier)
    term = _term(dossier.procedure_version, dossier.channel)
    if action == Action.ACCEPT:
        return {
            "received_at": now,
            "due_at": due_at(now, term, calendar=calendar, hours=hours) if term else None,
        }
    if action == Action.ASSIGN:
        if move.assignee is None:
            raise WorkflowError(_("Choose the specialist who will process the dossier."))
        if not holds_role_over(
            move.assignee, {Role.SPECIALIST, Role.LEADER}, {dossier.handling_agency_id}
        ):
            raise WorkflowError(_("The person chosen does not work on this agency's dossiers."))
        return {"assignee": move.assignee}
    if action == Action.TRANSFER:
        if move.to_agency is None or move.to_agency.pk == dossier.handling_agency_id:
            raise WorkflowError(_("Choose the agency the dossier goes to."))
        return {"handling_agency": move.to_agency, "assignee": None}
    if action == Action.REQUEST_SUPPLEMENT:
        return {"supplement_requested_at": now}
    if action == Action.SUPPLEMENT_RECEIVED:
        restarted = (
            due_after_supplement(now, term, calendar=calendar, hours=hours) if term else None
        )
        changes = {"due_at": restarted}
        if dossier.received_at is None:  # an online dossier completed before acceptance
            changes["received_at"] = now
        return changes
    if action == Action.CLOSE_UNSUPPLEMENTED:
        return {"finished_at": now}
    if action == Action.REQUEST_PAYMENT:
        return {"paused_since": now}
    if action == Action.PAYMENT_RECEIVED:
        extended = (
            extend_for_pause(
                dossier.due_at, dossier.paused_since, now, calendar=calendar, hours=hours
            )
            if dossier.due_at
            else None
        )
        return {"paused_since": None, "due_at": extended}
    if action == Action.APOLOGISE:
        if move.new_due_at is None or move.new_due_at <= dossier.due_at:
            raise WorkflowError(_("The new date must come after the current due date."))
        # A letter issued after the due date cannot promise a moment already past.
        if move.new_due_at <= now:
            raise WorkflowError(_("The new date must come after now."))
        return {"extended_due_at": move.new_due_at}
    if action == Action.APPROVE:
        return {"finished_at": now}
    if action in (Action.STOP, Action.WITHDRAW):
        return {"finished_at": now, "paused_since": None}
    if action == Action.RETURN_RESULT:
        returned_at = min(move.at, now) if move.at else now
        if dossier.finished_at and returned_at < dossier.finished_at:
            returned_at = dossier.finished_at  # a carrier's clock running behind ours
        return {"returned_at": returned_at, "returned_by_post": dossier.return_method == "post"}
    return {}

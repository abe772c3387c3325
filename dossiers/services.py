"""The only code that creates dossiers or changes their state.

Every write locks the dossier (a row lock on PostgreSQL, and on every engine a compare-and-set on
`version`), checks the workflow table and the actor's role and agency, appends a status row and an
audit row, recomputes the deadline and queues side effects after commit.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Channel, ProcedureVersion, VersionStatus
from core.actors import Actor, as_actor
from core.audit import audit_record
from core.selectors import working_calendar
from core.text import fold
from core.workdays import (
    Term,
    TermUnit,
    add_working_minutes,
    due_after_supplement,
    due_at,
    extend_for_pause,
)
from dossiers.codes import dossier_code
from dossiers.events import RECEIVE, dossier_announce
from dossiers.fees import FeeCharge, dossier_fees_record
from dossiers.files import dossier_file_store, files_removed_on_failure
from dossiers.models import (
    Applicant,
    DailySequence,
    Dossier,
    DossierDocument,
    StatusChange,
)
from dossiers.workflow import (
    COUNTER_ROLES,
    RECEPTION,
    SUPPLEMENT_WINDOW,
    Action,
    State,
    actor_refusal,
    edge_for,
    refusal,
    staff_roles_over,
)
from org.access import holds_role_over
from org.models import Agency, Role
from org.selectors import office_hours_for

ONLINE_ACCEPTANCE_MINUTES = 8 * 60  # Decree 118 art. 17.2: 8 working hours


class WorkflowError(Exception):
    """The action is not allowed now; the message says why, for the person who tried."""


class Conflict(WorkflowError):
    """Someone else changed the dossier since this page was loaded (R3)."""


@dataclass
class ApplicantData:
    full_name: str
    id_number: str = ""
    birth_date: object = None
    gender: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    kind: str = "individual"
    organisation_name: str = ""
    tax_code: str = ""
    citizen: object = None  # citizens.Citizen the card or ID number identified, if any


@dataclass
class ChecklistItem:
    name: str
    required_id: int | None = None
    received: bool = True
    originals: int = 0
    copies: int = 0
    uploads: list = field(default_factory=list)  # UploadedFile objects scanned for the item


@dataclass
class Reception:
    """Everything the counter (or the portal, or the post) collected for one dossier."""

    version: ProcedureVersion
    receiving_agency: Agency
    competent_agency: Agency
    applicant: ApplicantData
    channel: str = Channel.DIRECT
    return_agency: Agency | None = None
    return_method: str = "counter"
    form_data: dict = field(default_factory=dict)
    checklist: list[ChecklistItem] = field(default_factory=list)
    request_summary: str = ""
    submission_key: str | None = None
    # "Công dân không viết": why the declaration was filled for the citizen, and by whom.
    support_category: str = ""
    assisted_by: object = None
    guided_online: bool = False  # submitted online with a helper at the counter
    # The quantities and amounts entered at the counter, one per fee; None where nobody
    # enters them (dossiers.fees).
    fees: list[FeeCharge] | None = None


def _term(version: ProcedureVersion, channel: str) -> Term | None:
    """The time limit the version publishes for the channel the dossier came by. Never another
    channel's: a channel without a published limit has no due date to compute."""
    term = next((term for term in version.channels.all() if term.channel == channel), None)
    if term is None or term.term_value is None:
        return None
    return Term(term.term_value, TermUnit(term.term_unit))


def _authorise_reception(reception: Reception, actor: Actor) -> None:
    """Receive like any other move: an actor the channel's reception names, with a role at the
    receiving agency; a published version; a channel that version offers."""
    channel = reception.channel
    edge = RECEPTION.get(channel)
    if edge is None:
        raise WorkflowError(_("Choose how the dossier was submitted."))
    refused = actor_refusal(actor, edge, roles=edge.roles)  # the kind; the role comes next
    if refused:
        raise WorkflowError(refused)
    agency = reception.receiving_agency
    if actor.is_staff and not holds_role_over(actor.user, edge.roles, {agency.pk}):
        raise WorkflowError(
            _("Your role does not let you receive dossiers %(channel)s at %(agency)s.")
            % {"channel": Channel(channel).label, "agency": agency.name}
        )
    version = reception.version
    if version.status != VersionStatus.PUBLISHED:
        raise WorkflowError(
            _(
                "This version of the procedure is not in force (a draft or a withdrawn "
                "version): receive the dossier under the published one."
            )
        )
    offered = any(term.channel == channel and term.available for term in version.channels.all())
    if not offered:
        raise WorkflowError(
            _("This procedure does not take dossiers %(channel)s.")
            % {"channel": Channel(channel).label}
        )


def _next_code(agency: Agency, day) -> str:
    """The next code of the agency's day, in one statement: the upsert creates the day's row or
    bumps it, holding its row lock (PostgreSQL) or SQLite's write lock until the reception
    commits, so two receptions never read the same number and a rolled-back one gives its
    number back."""
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
        return _next_code_in_three_steps(agency, day)
    meta = DailySequence._meta
    table, agency_id, day_column, last = (
        connection.ops.quote_name(name)
        for name in (
            meta.db_table,
            meta.get_field("agency").column,
            meta.get_field("day").column,
            meta.get_field("last").column,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({agency_id}, {day_column}, {last}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({agency_id}, {day_column}) DO UPDATE SET {last} = {table}.{last} + 1 "
            f"RETURNING {last}",
            [agency.pk, connection.ops.adapt_datefield_value(day)],
        )
        (sequence,) = cursor.fetchone()
    return dossier_code(agency_code=agency.code, day=day, sequence=sequence)


def _next_code_in_three_steps(agency: Agency, day) -> str:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                DailySequence.objects.get_or_create(agency=agency, day=day)
            break
        except IntegrityError:  # another reception created the row first: use it
            continue
    DailySequence.objects.filter(agency=agency, day=day).update(last=F("last") + 1)
    sequence = DailySequence.objects.get(agency=agency, day=day).last
    return dossier_code(agency_code=agency.code, day=day, sequence=sequence)


def dossier_receive(*, reception: Reception, actor) -> Dossier:
    """Create a dossier from a reception, in one transaction. At the counter it is received and
    accepted at once (the receipt, Mẫu 01, is printed); online it waits for acceptance.

    `actor` is an `Actor`, or a logged-in user (a member of staff), or None for an applicant
    not yet identified (an online submission). Posting the same `submission_key` again
    returns the dossier already created (R2).
    """
    actor = Actor.applicant() if actor is None else as_actor(actor)
    _authorise_reception(reception, actor)
    if reception.submission_key:
        existing = Dossier.objects.filter(submission_key=reception.submission_key).first()
        if existing is not None:
            return existing
    try:
        # Around the atomic block, so a rollback or a failed commit also deletes the files
        # already written (R4: no file without its dossier).
        with files_removed_on_failure() as stored:
            return _receive(reception=reception, actor=actor, stored=stored)
    except IntegrityError:
        if reception.submission_key:
            existing = Dossier.objects.filter(submission_key=reception.submission_key).first()
            if existing is not None:
                return existing
        raise


@transaction.atomic
def _receive(*, reception: Reception, actor: Actor, stored: list[str]) -> Dossier:
    now = timezone.now()
    user = actor.user if actor.is_staff else None
    calendar = working_calendar()
    hours = office_hours_for(reception.competent_agency)
    online = reception.channel == Channel.ONLINE
    state = State.SUBMITTED if online else State.ACCEPTED
    term = _term(reception.version, reception.channel)
    received_at = None if online else now
    dossier = Dossier.objects.create(
        code=_next_code(reception.receiving_agency, timezone.localdate(now)),
        procedure_version=reception.version,
        channel=reception.channel,
        state=state,
        receiving_agency=reception.receiving_agency,
        competent_agency=reception.competent_agency,
        handling_agency=reception.competent_agency,
        return_agency=reception.return_agency or reception.receiving_agency,
        return_method=reception.return_method,
        form_data=reception.form_data,
        request_summary=reception.request_summary or reception.version.name[:500],
        submitted_at=now if online else None,
        received_at=received_at,
        acceptance_due_at=(
            add_working_minutes(now, ONLINE_ACCEPTANCE_MINUTES, calendar=calendar, hours=hours)
            if online
            else None
        ),
        due_at=due_at(received_at, term, calendar=calendar, hours=hours)
        if received_at and term
        else None,
        received_by_post=reception.channel == Channel.POSTAL,
        support_category=reception.support_category,
        # The officer at the counter helped unless another helper (a volunteer) is named.
        assisted_by=(reception.assisted_by or user) if reception.support_category else None,
        guided_online=reception.guided_online and online,
        submission_key=reception.submission_key,
        created_by=user,
    )
    applicant = reception.applicant
    Applicant.objects.create(
        dossier=dossier,
        kind=applicant.kind,
        full_name=applicant.full_name,
        id_number=applicant.id_number,
        birth_date=applicant.birth_date,
        gender=applicant.gender,
        address=applicant.address,
        phone=applicant.phone,
        email=applicant.email,
        organisation_name=applicant.organisation_name,
        tax_code=applicant.tax_code,
        citizen=applicant.citizen,
        search_name=fold(applicant.organisation_name or applicant.full_name)[:150],
    )
    documents = DossierDocument.objects.bulk_create(
        DossierDocument(
            dossier=dossier,
            order=position,
            required_id=item.required_id,
            name=item.name,
            received=item.received,
            originals=item.originals,
            copies=item.copies,
        )
        for position, item in enumerate(reception.checklist)
    )
    # A file that cannot be stored fails the whole reception (no dossier without its files).
    for document, item in zip(documents, reception.checklist, strict=True):
        if item.uploads and document.pk is None:  # SQLite < 3.35 returns no ids here
            document = DossierDocument.objects.get(dossier=dossier, order=document.order)
        for upload in item.uploads:
            stored.append(
                dossier_file_store(document=document, upload=upload, actor=user).file.name
            )
    dossier_fees_record(
        dossier=dossier,
        version=reception.version,
        channel=reception.channel,
        charges=reception.fees,
        form_data=reception.form_data,
        actor=user,
        agency_code=reception.receiving_agency.code,
    )
    StatusChange.objects.create(
        dossier=dossier,
        at=now,
        action=RECEIVE,
        to_state=state,
        **_who(actor),
        actor_agency=reception.receiving_agency,
        due_at=dossier.due_at,
    )
    dossier_announce(
        dossier=dossier,
        action=RECEIVE,
        from_state="",
        actor=actor,
        agency_code=reception.receiving_agency.code,
    )
    # Last: the audit row locks the chain head until commit (core.audit).
    audit_record(
        action="dossier_receive",
        agency_code=reception.receiving_agency.code,
        obj=dossier,
        **_audited(actor, {"state": state, "procedure": reception.version.procedure.code}),
    )
    return dossier


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


STALE = gettext_lazy(
    "Someone else changed this dossier a moment ago. Reload the page to see what changed."
)


CLOSING_JOB = Actor.system("close_unsupplemented")


def _who(actor: Actor) -> dict:
    """The history row's actor columns."""
    return {
        "actor": actor.user if actor.is_staff else None,
        "actor_kind": actor.kind,
        "actor_label": actor.label,
    }


def _audited(actor: Actor, new: dict) -> dict:
    """The audit row's actor: the staff account, or for anyone else their kind and label
    written with the new values (core.audit records a user only)."""
    if actor.is_staff:
        return {"actor": actor.user, "new": new}
    return {"actor": None, "new": {**new, "actor": f"{actor.kind}:{actor.label}"}}


def _clock(dossier: Dossier):
    return working_calendar(), office_hours_for(dossier.competent_agency)


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
        return {"returned_at": now, "returned_by_post": dossier.return_method == "post"}
    return {}

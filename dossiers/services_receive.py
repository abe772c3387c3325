"""Receiving a dossier: at the counter, by post or online, in one transaction with its daily
code, applicant, checklist, files, fees, history, event and audit row."""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Channel, ProcedureVersion, VersionStatus
from core.actors import Actor, as_actor
from core.audit import audit_record
from core.selectors import working_calendar
from core.text import fold
from core.workdays import add_working_minutes, due_at
from dossiers.codes import dossier_code
from dossiers.events import RECEIVE, dossier_announce
from dossiers.fees import FeeCharge, dossier_fees_record
from dossiers.files import dossier_file_store, files_removed_on_failure
from dossiers.models import Applicant, DailySequence, Dossier, DossierDocument, StatusChange
from dossiers.services_shared import WorkflowError, _audited, _term, _who
from dossiers.workflow import RECEPTION, State, actor_refusal
from org.access import holds_role_over
from org.models import Agency
from org.selectors import office_hours_for

ONLINE_ACCEPTANCE_MINUTES = 8 * 60  # Decree 118 art. 17.2: 8 working hours


@dataclass
class ApplicantData:
    full_name: str
    id_number: str = ""
    birth_date: object = None
    gender: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    message_channel: str = ""  # dossiers.models.NotifyBy
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
            f"INSERT INTO {table} ({agency_id}, {day_column}, {last}) VALUES (%s, %s, 1) "  # noqa: S608 # nosec B608
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
        message_channel=applicant.message_channel,
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

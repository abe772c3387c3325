"""Writes of the guidance screens: the guidance slip given when documents are missing, and the
guided online session with its submission. Both are audited and counted (DOMAIN.md §8)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Channel, ProcedureVersion
from core.audit import audit_record
from counter.models import GuidanceSlip, GuidedSession, HardStep
from counter.selectors_guidance import guide_agencies_for, guide_agencies_on_duty
from dossiers.models import Dossier
from dossiers.selectors import receiving_agencies_of
from dossiers.services import ApplicantData, Reception, WorkflowError, dossier_receive
from org.models import Agency, User

# A refusal posted again within this time (a reloaded page) gives the slip already recorded.
REPEAT_WINDOW = timedelta(minutes=30)


def _check_guide(actor: User, agency: Agency) -> None:
    """A guide of another centre gets nothing; a volunteer of this centre who is not on
    today's roster is told why, since the helper's name goes on the record and the counts."""
    if not guide_agencies_for(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied
    today = timezone.localdate()
    if not guide_agencies_on_duty(actor, day=today).filter(pk=agency.pk).exists():
        raise ValidationError(
            _(
                "You are not on the duty roster of %(centre)s today: ask the centre to add "
                "your shift before guiding citizens."
            )
            % {"centre": agency.name}
        )


@transaction.atomic
def guidance_slip_create(
    *,
    actor: User,
    agency: Agency,
    version: ProcedureVersion,
    missing_documents: list[str],
    other_items: str = "",
    citizen_name: str = "",
    ip: str | None = None,
) -> GuidanceSlip:
    """Record the slip listing what the citizen must bring; no dossier is created."""
    _check_guide(actor, agency)
    return _slip_create(
        actor=actor,
        agency=agency,
        version=version,
        missing_documents=missing_documents,
        other_items=other_items,
        citizen_name=citizen_name,
        ip=ip,
    )


@transaction.atomic
def refusal_guidance_create(
    *,
    actor: User,
    agency: Agency,
    version: ProcedureVersion,
    missing_documents: list[str],
    other_items: str = "",
    citizen_name: str = "",
    ip: str | None = None,
) -> GuidanceSlip:
    """The written guidance given once, in full, when the officer refuses an incomplete dossier
    at the counter (Decree 118/2025 art. 15): the same slip as the guidance screens, at the
    counter where the officer receives. The same refusal posted again gives the same slip, so
    a reloaded page is not counted twice."""
    if agency not in receiving_agencies_of(actor):
        raise PermissionDenied
    recent = GuidanceSlip.objects.filter(
        agency=agency,
        procedure_version=version,
        officer=actor,
        citizen_name=" ".join(citizen_name.split()),
        other_items=_items(other_items),
        created_at__gte=timezone.now() - REPEAT_WINDOW,
    )
    known = {document.name for document in version.documents.all()}
    missing = [name for name in missing_documents if name in known]
    for slip in recent:
        if slip.missing_documents == missing:
            return slip
    return _slip_create(
        actor=actor,
        agency=agency,
        version=version,
        missing_documents=missing,
        other_items=other_items,
        citizen_name=citizen_name,
        ip=ip,
    )


def _items(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _slip_create(
    *,
    actor: User,
    agency: Agency,
    version: ProcedureVersion,
    missing_documents: list[str],
    other_items: str,
    citizen_name: str,
    ip: str | None,
) -> GuidanceSlip:
    known = {document.name for document in version.documents.all()}
    missing = [name for name in missing_documents if name in known]
    other_items = _items(other_items)
    if not missing and not other_items:
        raise ValidationError(
            {
                "__all__": _(
                    "Tick the missing documents or write what else to bring: the slip must "
                    "list at least one thing."
                )
            }
        )
    slip = GuidanceSlip.objects.create(
        agency=agency,
        procedure_version=version,
        citizen_name=" ".join(citizen_name.split()),
        missing_documents=missing,
        other_items=other_items,
        officer=actor,
    )
    audit_record(
        action="guidance_slip_create",
        actor=actor,
        agency_code=agency.code,
        obj=slip,
        new={"procedure": version.procedure.code, "items": len(missing) + len(slip.other_lines)},
        ip=ip,
    )
    return slip


@dataclass
class OnlineSubmission:
    """What the citizen submits online with the helper beside them."""

    applicant: ApplicantData
    form_data: dict = field(default_factory=dict)
    competent_agency: Agency | None = None


def submit_through_reception(
    *, actor: User, agency: Agency, version: ProcedureVersion, submission: OnlineSubmission
) -> Dossier:
    """Until the citizen portal exists, the online channel of the reception service takes the
    dossier: it waits for acceptance like any online dossier, flagged as guided."""
    reception = Reception(
        version=version,
        receiving_agency=agency,
        competent_agency=submission.competent_agency or agency,
        applicant=submission.applicant,
        channel=Channel.ONLINE,
        return_method="online",
        form_data=submission.form_data,
        guided_online=True,
    )
    try:
        return dossier_receive(reception=reception, actor=actor)
    except WorkflowError as refused:  # a procedure not offered online, a role elsewhere
        raise ValidationError(str(refused)) from refused


# The one place the portal will plug in: a function that takes the submission and returns the
# dossier it created. What the session records does not change.
Submitter = Callable[..., Dossier]


@transaction.atomic
def guided_session_record(
    *,
    actor: User,
    agency: Agency,
    version: ProcedureVersion,
    hard_step: str,
    note: str = "",
    submission: OnlineSubmission | None = None,
    submit: Submitter = submit_through_reception,
    ip: str | None = None,
) -> GuidedSession:
    """Record one guided session; with a submission, submit it online and link the dossier.
    The dossier and the session commit together, so a session never points at nothing."""
    _check_guide(actor, agency)
    if hard_step not in HardStep.values:
        raise ValidationError({"hard_step": _("Choose the step the citizen found hardest.")})
    dossier = None
    if submission is not None:
        dossier = submit(actor=actor, agency=agency, version=version, submission=submission)
    session = GuidedSession.objects.create(
        agency=agency,
        helper=actor,
        procedure_version=version,
        hard_step=hard_step,
        note=" ".join(note.split())[:500],
        dossier=dossier,
    )
    audit_record(
        action="guided_session_record",
        actor=actor,
        agency_code=agency.code,
        obj=session,
        new={
            "procedure": version.procedure.code,
            "hard_step": hard_step,
            "dossier": dossier.code if dossier else "",
        },
        ip=ip,
    )
    return session

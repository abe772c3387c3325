"""Every write to an inspection: atomic, audited, checked. Findings are copied from the
checklist when the inspection starts, with the evidence MotCua computes from its records."""

import hashlib
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.files import check_upload, shown_name
from inspection import evidence
from inspection.models import (
    Checklist,
    EvidenceFile,
    Finding,
    FollowUpAction,
    Inspection,
    InspectionStatus,
    Outcome,
    OutcomeKind,
    Result,
)

EVIDENCE_KINDS = ("pdf", "jpeg", "png", "xlsx", "docx")
EVIDENCE_MAX_BYTES = 20 * 2**20


def _audit(action: str, inspection: Inspection, actor, **new) -> None:
    audit_record(
        action=action, actor=actor, agency_code=inspection.agency.code, obj=inspection, new=new
    )


def _check_open(inspection: Inspection) -> None:
    if inspection.status != InspectionStatus.OPEN:
        raise ValidationError(_("This inspection is concluded: it can no longer be changed."))


def _bump(inspection: Inspection, version: int | None) -> None:
    """Optimistic lock: two team members editing one inspection never overwrite each other."""
    expected = inspection.version if version is None else version
    updated = Inspection.objects.filter(pk=inspection.pk, version=expected).update(
        version=F("version") + 1
    )
    if not updated:
        raise ValidationError(
            _("Someone changed this inspection in the meantime. Reload the page and try again.")
        )
    inspection.version = expected + 1


@transaction.atomic
def inspection_start(
    *, actor, agency, checklist: Checklist, inspected_on: date, team: str, place: str = ""
) -> Inspection:
    if not checklist.is_active:
        raise ValidationError({"checklist": _("This checklist is no longer in use.")})
    inspection = Inspection.objects.create(
        agency=agency,
        checklist=checklist,
        inspected_on=inspected_on,
        team=team,
        place=place,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    findings = []
    for position, item in enumerate(checklist.items.all(), start=1):
        count, sentence = evidence.compute(item.evidence, agency, inspected_on)
        findings.append(
            Finding(
                inspection=inspection,
                position=position,
                text=item.text,
                evidence_key=item.evidence,
                evidence_count=count,
                evidence_text=sentence,
                # A computed check that finds something is not met until the team says otherwise.
                result=Result.NOT_MET if count else Result.PENDING,
            )
        )
    Finding.objects.bulk_create(findings)
    _audit("inspection.start", inspection, actor, checklist=checklist.name, items=len(findings))
    return inspection


@transaction.atomic
def finding_record(*, actor, finding: Finding, result: str, note: str, version: int) -> Finding:
    inspection = finding.inspection
    _check_open(inspection)
    if result not in Result.values:
        raise ValidationError({"result": _("Choose a result.")})
    if result == Result.NOT_MET and not note.strip():
        raise ValidationError({"note": _("Say what was found when an item is not met.")})
    _bump(inspection, version)
    old = {"result": finding.result}
    finding.result, finding.note = result, note
    finding.save(update_fields=["result", "note"])
    audit_record(
        action="inspection.finding",
        actor=actor,
        agency_code=inspection.agency.code,
        obj=inspection,
        old=old,
        new={"item": finding.position, "result": result},
    )
    return finding


@transaction.atomic
def evidence_add(
    *, actor, inspection: Inspection, upload, finding: Finding | None = None
) -> EvidenceFile:
    _check_open(inspection)
    kind = check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
    upload.seek(0)
    content = upload.read()
    stored = EvidenceFile(
        inspection=inspection,
        finding=finding,
        name=shown_name(upload.name)[:255],
        kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    extension = {"jpeg": "jpg"}.get(kind, kind)
    stored.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    try:
        stored.save()
    except Exception:
        # No row, no file: an orphan file would hold evidence no inspection lists.
        stored.file.storage.delete(stored.file.name)
        raise
    _audit("inspection.evidence", inspection, actor, name=stored.name, sha256=stored.sha256)
    return stored


@transaction.atomic
def action_add(
    *,
    actor,
    inspection: Inspection,
    description: str,
    owner,
    due_on: date,
    finding: Finding | None = None,
) -> FollowUpAction:
    _check_open(inspection)
    if due_on < inspection.inspected_on:
        raise ValidationError({"due_on": _("The deadline is before the inspection.")})
    action = FollowUpAction.objects.create(
        inspection=inspection,
        finding=finding,
        description=description,
        owner=owner,
        due_on=due_on,
    )
    _audit("inspection.action", inspection, actor, owner=owner.username, due_on=due_on.isoformat())
    return action


@transaction.atomic
def action_complete(*, actor, action: FollowUpAction, done_on: date, note: str) -> FollowUpAction:
    # The row is re-read under lock: two clicks on "done" record it once.
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise ValidationError(_("This action is already reported done."))
    if done_on < action.inspection.inspected_on:
        raise ValidationError({"done_on": _("The day is before the inspection.")})
    action.done_on, action.done_note = done_on, note
    action.save(update_fields=["done_on", "done_note"])
    _audit("inspection.action_done", action.inspection, actor, follow_up=action.pk)
    return action


@transaction.atomic
def outcome_record(
    *, actor, inspection: Inspection, officer, kind: str, reason: str, decision: str = ""
) -> Outcome:
    _check_open(inspection)
    if kind not in OutcomeKind.values:
        raise ValidationError({"kind": _("Choose commendation or discipline.")})
    outcome = Outcome.objects.create(
        inspection=inspection, officer=officer, kind=kind, reason=reason, decision=decision
    )
    _audit("inspection.outcome", inspection, actor, officer=officer.username, kind=kind)
    return outcome


@transaction.atomic
def inspection_close(
    *, actor, inspection: Inspection, conclusion: str, closed_on: date, version: int
) -> Inspection:
    _check_open(inspection)
    if inspection.findings.filter(result=Result.PENDING).exists():
        raise ValidationError(_("Record a result for every item before concluding."))
    if closed_on < inspection.inspected_on:
        raise ValidationError({"closed_on": _("The day is before the inspection.")})
    _bump(inspection, version)
    inspection.status = InspectionStatus.CLOSED
    inspection.conclusion, inspection.closed_on = conclusion, closed_on
    inspection.save(update_fields=["status", "conclusion", "closed_on", "updated_at"])
    _audit("inspection.close", inspection, actor, closed_on=closed_on.isoformat())
    return inspection


@transaction.atomic
def seed_checklist_ensure() -> Checklist:
    """The checklist built from the seeds, created if missing (the data migration ships it; a
    flushed test database or a demo reset calls this to bring it back)."""
    from inspection.models import ChecklistItem
    from inspection.rules import SEED_CHECKLIST, SEED_CHECKLIST_NAME

    checklist, created = Checklist.objects.get_or_create(name=SEED_CHECKLIST_NAME)
    if created:
        ChecklistItem.objects.bulk_create(
            ChecklistItem(checklist=checklist, position=n, text=text, guidance=guide, evidence=key)
            for n, (text, guide, key) in enumerate(SEED_CHECKLIST, start=1)
        )
    return checklist

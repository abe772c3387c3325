"""Every write to reform plans: atomic, audited, checked; a stale form gets a conflict message."""

import hashlib
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.files import check_upload, shown_name
from core.selectors import working_calendar
from org.access import agency_and_below
from org.models import Agency
from reform import selectors
from reform.models import Evidence, Plan, ProgressReport, QuarterlyReview, Task
from reform.rules import TaskStatus, TimelineKind, effective_due, last_day

EVIDENCE_KINDS = ("pdf", "jpeg", "png", "docx", "xlsx")
EVIDENCE_MAX_BYTES = 20 * 2**20
EVIDENCE_MAX_FILES = 10
PLAN_FIELDS = {
    "number",
    "issued_on",
    "year",
    "title",
    "implements",
    "purpose",
    "signer_title",
    "signer_name",
}
TASK_FIELDS = {
    "content",
    "lead_unit",
    "coordinating_units",
    "other_coordinators",
    "timeline_kind",
    "due_on",
    "quarter",
    "budget",
    "par_field",
    "papi_dimension",
    "expected_result",
}
STALE = _("Someone else changed this meanwhile. Reload the page and try again.")


def _audit(action: str, plan: Plan, actor, obj=None, **new) -> None:
    audit_record(
        action=action,
        actor=actor,
        agency_code=plan.agency.code,
        obj=obj or plan,
        new={key: str(value) for key, value in new.items()},
    )


def _check_plan(fields: dict) -> None:
    number = (fields.get("number") or "").strip()
    if "number" in fields and not number:
        raise ValidationError({"number": _("Enter the plan's number and symbol.")})
    year, issued_on = fields.get("year"), fields.get("issued_on")
    if year is not None and not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if year and issued_on and not year - 1 <= issued_on.year <= year:
        raise ValidationError(
            {
                "issued_on": _("A plan for %(year)d is issued in that year or the year before.")
                % {"year": year}
            }
        )


@transaction.atomic
def plan_create(*, actor, agency: Agency, **fields) -> Plan:
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"Not a plan field: {sorted(unknown)}")
    fields["number"] = (fields.get("number") or "").strip()
    _check_plan(fields)
    if Plan.objects.filter(agency=agency, year=fields["year"], number=fields["number"]).exists():
        raise ValidationError({"number": _("This agency already has a plan with this number.")})
    plan = Plan.objects.create(agency=agency, created_by=actor, **fields)
    _audit("reform.plan_create", plan, actor, number=plan.number, year=plan.year)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, version: int, **fields) -> Plan:
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"Not a plan field: {sorted(unknown)}")
    if "number" in fields:
        fields["number"] = fields["number"].strip()
    _check_plan({"year": plan.year, "issued_on": plan.issued_on} | fields)
    year = fields.get("year", plan.year)
    if year != plan.year and plan.tasks.filter(timeline_kind=TimelineKind.QUARTER).exists():
        raise ValidationError({"year": _("Tasks are due by quarters of this year.")})
    clash = Plan.objects.filter(
        agency=plan.agency, year=year, number=fields.get("number", plan.number)
    ).exclude(pk=plan.pk)
    if clash.exists():
        raise ValidationError({"number": _("This agency already has a plan with this number.")})
    if not Plan.objects.filter(pk=plan.pk, version=version).update(version=F("version") + 1):
        raise ValidationError(STALE)
    plan.refresh_from_db()
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save()
    _audit("reform.plan_update", plan, actor, **fields)
    return plan


def unit_choices(plan_agency: Agency):
    """The units that may lead or coordinate a plan's tasks: the issuing agency and those under
    it (the commune committee, its centre and sections)."""
    return Agency.objects.filter(id__in=agency_and_below([plan_agency]), is_active=True).order_by(
        "parent_id", "name"
    )


def _check_task(plan: Plan, fields: dict) -> None:
    allowed = agency_and_below([plan.agency_id])
    lead = fields.get("lead_unit")
    if lead is not None and lead.pk not in allowed:
        raise ValidationError({"lead_unit": _("Choose a unit of the agency issuing the plan.")})
    for unit in fields.get("coordinating_units") or ():
        if unit.pk not in allowed:
            raise ValidationError(
                {"coordinating_units": _("Choose units of the agency issuing the plan.")}
            )
    if not (fields.get("content") or "").strip():
        raise ValidationError({"content": _("Describe the task.")})
    kind = fields.get("timeline_kind")
    if kind == TimelineKind.DATE and fields.get("due_on") is None:
        raise ValidationError({"due_on": _("Enter the date the task is due by.")})
    if kind == TimelineKind.QUARTER and fields.get("quarter") not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose the quarter the task is due by.")})
    budget = fields.get("budget")
    if budget is not None and not 0 <= budget <= 10**15:
        raise ValidationError({"budget": _("Enter a whole amount in đồng, e.g. 15.000.000.")})


def _apply_timeline(task: Task, calendar) -> None:
    if task.timeline_kind != TimelineKind.DATE:
        task.due_on = None
    if task.timeline_kind != TimelineKind.QUARTER:
        task.quarter = None
    task.due_by = effective_due(
        last_day(
            kind=task.timeline_kind, due_on=task.due_on, quarter=task.quarter, year=task.plan.year
        ),
        calendar,
    )


def _build_task(plan: Plan, position: int, fields: dict, calendar) -> tuple[Task, list]:
    units = list(fields.pop("coordinating_units", None) or ())
    task = Task(plan=plan, position=position, **fields)
    _apply_timeline(task, calendar)
    return task, units


@transaction.atomic
def task_add(*, actor, plan: Plan, **fields) -> Task:
    unknown = set(fields) - TASK_FIELDS
    if unknown:
        raise TypeError(f"Not a task field: {sorted(unknown)}")
    fields.setdefault("timeline_kind", TimelineKind.REGULAR)
    _check_task(plan, fields)
    # Lock the plan so two officers adding tasks never get the same number.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.tasks.aggregate(last=Max("position"))["last"] or 0
    task, units = _build_task(plan, last + 1, fields, working_calendar())
    task.save()
    task.coordinating_units.set(units)
    _audit("reform.task_add", plan, actor, obj=task, position=task.position)
    return task


@transaction.atomic
def task_update(*, actor, task: Task, version: int, **fields) -> Task:
    unknown = set(fields) - TASK_FIELDS
    if unknown:
        raise TypeError(f"Not a task field: {sorted(unknown)}")
    _check_task(task.plan, {"content": task.content, "timeline_kind": task.timeline_kind} | fields)
    if not Task.objects.filter(pk=task.pk, version=version).update(version=F("version") + 1):
        raise ValidationError(STALE)
    task.refresh_from_db()
    units = fields.pop("coordinating_units", None)
    for name, value in fields.items():
        setattr(task, name, value)
    _apply_timeline(task, working_calendar())
    task.save()
    if units is not None:
        task.coordinating_units.set(units)
    _audit("reform.task_update", task.plan, actor, obj=task, **fields)
    return task


@transaction.atomic
def tasks_import(*, actor, plan: Plan, rows: list[dict], source: str) -> int:
    """Add the tasks of an imported table after the plan's own, all or nothing: `rows` come from
    reform.excel with no error, and any refusal here rolls every row back."""
    if not rows:
        raise ValidationError(_("The table has no task."))
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.tasks.aggregate(last=Max("position"))["last"] or 0
    calendar = working_calendar()
    for offset, fields in enumerate(rows, start=1):
        fields = dict(fields)
        _check_task(plan, fields)
        task, units = _build_task(plan, last + offset, fields, calendar)
        task.save()
        task.coordinating_units.set(units)
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    _audit("reform.tasks_import", plan, actor, rows=len(rows), source=source)
    return len(rows)


def _store_evidence(report: ProgressReport, upload) -> Evidence:
    kind = check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
    upload.seek(0)
    content = upload.read()
    evidence = Evidence(
        report=report,
        name=shown_name(upload.name)[:255],
        kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    extension = {"jpeg": "jpg"}.get(kind, kind)
    evidence.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    return evidence


def progress_report(
    *,
    actor,
    task: Task,
    version: int,
    reported_on: date,
    status: str,
    percent_done: int,
    note: str,
    uploads=(),
) -> ProgressReport:
    """Record what the lead unit did, with its evidence files, and move the task's status.

    The report, its files and the task change together or not at all: a file written before a
    failure is deleted, so no file is ever kept without the report that lists it (R4)."""
    if len(uploads) > EVIDENCE_MAX_FILES:
        raise ValidationError(
            {"files": _("At most %(n)d files in one report.") % {"n": EVIDENCE_MAX_FILES}}
        )
    stored: list[str] = []
    storage = Evidence._meta.get_field("file").storage
    try:
        with transaction.atomic():
            report = _progress_report(
                actor=actor,
                task=task,
                version=version,
                reported_on=reported_on,
                status=status,
                percent_done=percent_done,
                note=note,
                uploads=uploads,
                stored=stored,
            )
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return report


def _progress_report(
    *, actor, task, version, reported_on, status, percent_done, note, uploads, stored
) -> ProgressReport:
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    if not 0 <= percent_done <= 100:
        raise ValidationError({"percent_done": _("Enter a percentage from 0 to 100.")})
    if reported_on > selectors.today():
        raise ValidationError({"reported_on": _("A report cannot be dated in the future.")})
    locked = Task.objects.select_for_update().select_related("plan__agency").get(pk=task.pk)
    if locked.version != version:
        raise ValidationError(STALE)
    if status == TaskStatus.DONE:
        percent_done = 100
        has_evidence = Evidence.objects.filter(report__task=locked).exists()
        if not uploads and not has_evidence:
            raise ValidationError(
                {
                    "files": _(
                        "Attach the evidence that the task is done (minutes, photos, a decision)."
                    )
                }
            )
    report = ProgressReport.objects.create(
        task=locked,
        reported_on=reported_on,
        status=status,
        percent_done=percent_done,
        note=note.strip(),
        reported_by=actor,
    )
    for upload in uploads:
        evidence = _store_evidence(report, upload)
        stored.append(evidence.file.name)
        evidence.save()
    locked.status, locked.percent_done = status, percent_done
    locked.completed_on = reported_on if status == TaskStatus.DONE else None
    locked.version += 1
    locked.save(update_fields=["status", "percent_done", "completed_on", "version"])
    _audit(
        "reform.progress",
        locked.plan,
        actor,
        obj=locked,
        status=status,
        percent_done=percent_done,
        files=len(uploads),
    )
    return report


@transaction.atomic
def review_record(
    *,
    actor,
    plan: Plan,
    quarter: int,
    held_on: date,
    chaired_by: str,
    minutes: str,
    attendees: str = "",
    conclusions: str = "",
) -> QuarterlyReview:
    """The quarter's review meeting, with the task figures as they stood at the quarter's end."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter.")})
    if not minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes of the meeting.")})
    if not chaired_by.strip():
        raise ValidationError({"chaired_by": _("Say who chaired the meeting.")})
    if plan.reviews.filter(quarter=quarter).exists():
        raise ValidationError({"quarter": _("This quarter has already been reviewed.")})
    try:
        with transaction.atomic():
            review = QuarterlyReview.objects.create(
                plan=plan,
                quarter=quarter,
                held_on=held_on,
                chaired_by=chaired_by.strip(),
                attendees=attendees.strip(),
                minutes=minutes.strip(),
                conclusions=conclusions.strip(),
                counts=selectors.quarter_counts(plan, quarter=quarter, calendar=working_calendar()),
                recorded_by=actor,
            )
    except IntegrityError as clash:
        raise ValidationError({"quarter": _("This quarter has already been reviewed.")}) from clash
    _audit("reform.review", plan, actor, obj=review, quarter=quarter)
    return review

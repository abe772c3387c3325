"""Staff pages of the inspection team: the list, starting an inspection from a checklist, the
inspection's page (findings, evidence, follow-up actions, outcomes, conclusion) and its report,
printed as an administrative document (A4, PDF)."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.documents import SIGN_NOTE, Signer, render_pdf
from core.wording import long_date, place_name
from inspection import access, selectors, services
from inspection.forms import (
    ActionForm,
    CloseForm,
    DoneForm,
    EvidenceForm,
    FindingForm,
    OutcomeForm,
    StartForm,
)
from inspection.models import EvidenceFile, Finding, FollowUpAction, InspectionStatus
from org.access import staff_required


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
@staff_required()
def inspection_list(request):
    mine = request.GET.get("viec") == "cua-toi"
    rows = selectors.inspections_for(request.user)
    if mine:
        rows = rows.filter(actions__owner=request.user, actions__done_on__isnull=True)
    page = Paginator(rows, 25).get_page(request.GET.get("trang"))
    return render(
        request,
        "inspection/list.html",
        {
            "nav": "inspection",
            "page": page,
            "mine": mine,
            "can_start": bool(access.inspectable_agency_ids(request.user)),
        },
    )


@staff_required(*access.TEAM)
def inspection_new(request):
    agencies = selectors.inspectable_agencies(request.user)
    initial = {"inspected_on": selectors.today()}
    form = StartForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_start(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Inspection started: record a result for each item."))
            return redirect("inspection:detail", pk=inspection.pk)
    return render(
        request,
        "inspection/new.html",
        {"nav": "inspection", "form": form},
        status=400 if form.errors else 200,
    )


def _finding_forms(inspection, findings, bound=None):
    forms = []
    for finding in findings:
        if bound is not None and bound.prefix == f"f{finding.pk}":
            forms.append((finding, bound))
            continue
        initial = {"version": inspection.version, "result": finding.result, "note": finding.note}
        forms.append((finding, FindingForm(prefix=f"f{finding.pk}", initial=initial)))
    return forms


def _detail(request, inspection, *, status=200, **bound):
    writable = access.can_write(request.user, inspection)
    open_ = inspection.status == InspectionStatus.OPEN
    findings = list(inspection.findings.all())
    officers = selectors.officers_of(inspection.agency)
    actions = list(inspection.actions.select_related("owner", "finding"))
    for action in actions:
        action.may_complete = action.done_on is None and (
            writable or action.owner_id == request.user.pk
        )
    context = {
        "nav": "inspection",
        "inspection": inspection,
        "writable": writable and open_,
        "findings": findings,
        "finding_forms": _finding_forms(inspection, findings, bound.get("finding_form")),
        "files": list(inspection.evidence_files.select_related("finding")),
        "actions": actions,
        "outcomes": list(inspection.outcomes.select_related("officer")),
        "today": selectors.today(),
        "evidence_form": bound.get("evidence_form")
        or EvidenceForm(inspection=inspection, prefix="tep"),
        "action_form": bound.get("action_form")
        or ActionForm(inspection=inspection, officers=officers),
        "outcome_form": bound.get("outcome_form") or OutcomeForm(officers=officers),
        "close_form": bound.get("close_form")
        or CloseForm(initial={"version": inspection.version, "closed_on": selectors.today()}),
        "done_form": bound.get("done_form") or DoneForm(initial={"done_on": selectors.today()}),
        "done_action": bound.get("done_action"),
    }
    return render(request, "inspection/detail.html", context, status=status)


@require_GET
@staff_required()
def inspection_detail(request, pk: int):
    return _detail(request, selectors.inspection_for(request.user, pk))


def _writable(request, pk):
    inspection = selectors.inspection_for(request.user, pk)
    if not access.can_write(request.user, inspection):
        raise PermissionDenied
    return inspection


def _done(request, inspection, message):
    messages.success(request, message)
    return redirect("inspection:detail", pk=inspection.pk)


@require_POST
@staff_required(*access.TEAM)
def finding_record(request, pk: int, finding_pk: int):
    inspection = _writable(request, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, inspection=inspection)
    form = FindingForm(request.POST, prefix=f"f{finding.pk}")
    if form.is_valid():
        try:
            services.finding_record(actor=request.user, finding=finding, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Result recorded."))
    return _detail(request, inspection, status=400, finding_form=form)


@require_POST
@staff_required(*access.TEAM)
def evidence_add(request, pk: int):
    inspection = _writable(request, pk)
    form = EvidenceForm(request.POST, request.FILES, inspection=inspection, prefix="tep")
    if form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                inspection=inspection,
                upload=form.cleaned_data["file"],
                finding=form.cleaned_data["finding"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Evidence attached."))
    return _detail(request, inspection, status=400, evidence_form=form)


@require_GET
@staff_required()
def evidence_download(request, pk: int, file_pk: int):
    inspection = selectors.inspection_for(request.user, pk)
    stored = get_object_or_404(EvidenceFile, pk=file_pk, inspection=inspection)
    response = FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_required(*access.TEAM)
def action_add(request, pk: int):
    inspection = _writable(request, pk)
    officers = selectors.officers_of(inspection.agency)
    form = ActionForm(request.POST, inspection=inspection, officers=officers)
    if form.is_valid():
        try:
            services.action_add(actor=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Follow-up action added."))
    return _detail(request, inspection, status=400, action_form=form)


@require_POST
@staff_required()
def action_complete(request, pk: int, action_pk: int):
    inspection = selectors.inspection_for(request.user, pk)
    action = get_object_or_404(FollowUpAction, pk=action_pk, inspection=inspection)
    if not access.can_write(request.user, inspection) and action.owner_id != request.user.pk:
        raise PermissionDenied
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            services.action_complete(
                actor=request.user,
                action=action,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Action reported done."))
    return _detail(request, inspection, status=400, done_form=form, done_action=action.pk)


@require_POST
@staff_required(*access.TEAM)
def outcome_record(request, pk: int):
    inspection = _writable(request, pk)
    form = OutcomeForm(request.POST, officers=selectors.officers_of(inspection.agency))
    if form.is_valid():
        try:
            services.outcome_record(actor=request.user, inspection=inspection, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Outcome recorded."))
    return _detail(request, inspection, status=400, outcome_form=form)


@require_POST
@staff_required(*access.TEAM)
def inspection_close(request, pk: int):
    inspection = _writable(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_close(
                actor=request.user, inspection=inspection, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, inspection, _("Inspection concluded. Its report can be printed."))
    return _detail(request, inspection, status=400, close_form=form)


@require_GET
@staff_required()
def inspection_report(request, pk: int):
    """The inspection report (biên bản kiểm tra) in the administrative layout; ?pdf=1 for a
    PDF. Its wording is prescribed in Vietnamese and is not translated with the interface."""
    inspection = selectors.inspection_for(request.user, pk)
    agency = inspection.agency
    day = datetime.combine(inspection.closed_on or inspection.inspected_on, time(12, 0))
    context = {
        "inspection": inspection,
        "findings": list(inspection.findings.all()),
        "actions": list(inspection.actions.select_related("owner")),
        "outcomes": list(inspection.outcomes.select_related("officer")),
        "files": list(inspection.evidence_files.all()),
        "document_title": f"Biên bản kiểm tra CCHC {inspection.reference}",
        "title": "BIÊN BẢN KIỂM TRA",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": "Tổ kiểm tra công tác cải cách hành chính",
        "reference": f"Số: {inspection.reference}",
        "place_date": f"{place_name(agency)}, {long_date(day)}",
        "signers": [
            Signer(title="ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", note=SIGN_NOTE),
            Signer(title="TỔ TRƯỞNG TỔ KIỂM TRA", note=SIGN_NOTE),
        ],
        "form_template": "inspection/report_body.html",
    }
    if request.GET.get("pdf"):
        html = render_to_string("dossiers/forms/pdf.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="bien-ban-{inspection.pk}.pdf"'
        return response
    return render(request, "inspection/report.html", context)

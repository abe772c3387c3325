"""Staff pages of reform plans: the list, one plan with its task table, plan and task forms,
the Excel import with its template, and the printed plan with its task appendix."""

from datetime import datetime, time
from functools import cache
from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.documents import Signer, render_pdf
from core.files import check_upload
from core.selectors import working_calendar
from core.text import fold
from core.wording import long_date, money, place_name
from org.access import agency_ids_with_role, is_system_admin, staff_required
from org.models import Agency
from reform import excel, selectors, services
from reform.access import READERS, WRITERS, can_write
from reform.forms import ImportForm, PlanForm, TaskForm

IMPORT_MAX_BYTES = 5 * 2**20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int | None:
    value = request.GET.get("nam", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def _writer_agencies(user):
    ids = agency_ids_with_role(user, WRITERS)
    return Agency.objects.filter(is_active=True, id__in=ids).order_by("name")


@staff_required(*READERS)
@require_http_methods(["GET"])
def plan_list(request):
    year = _year(request)
    plans = list(selectors.plans_for(request.user, year=year)[:200])
    selectors.put_task_counts(plans, day=selectors.today(), calendar=working_calendar())
    return render(
        request,
        "reform/plan_list.html",
        {
            "nav": "reform",
            "plans": plans,
            "year": year,
            "can_create": is_system_admin(request.user) or bool(_writer_agencies(request.user)),
        },
    )


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def plan_new(request):
    agencies = _writer_agencies(request.user)
    day = selectors.today()
    form = PlanForm(
        request.POST or None,
        agencies=agencies,
        initial={"year": day.year, "agency": agencies.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        try:
            plan = services.plan_create(actor=request.user, agency=agency, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Plan created. Add its tasks or import them from Excel."))
            return redirect("reform:plan", pk=plan.pk)
    return render(
        request,
        "reform/plan_form.html",
        {"nav": "reform", "form": form},
        status=400 if form.is_bound else 200,
    )


def _writable(request, pk):
    plan = selectors.plan_for(request.user, pk)
    if not can_write(request.user, plan):
        raise PermissionDenied
    return plan


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = _writable(request, pk)
    fields = (
        "number",
        "issued_on",
        "year",
        "title",
        "implements",
        "purpose",
        "signer_title",
        "signer_name",
    )
    form = PlanForm(
        request.POST or None, editing=True, initial={name: getattr(plan, name) for name in fields}
    )
    version = request.POST.get("version", "")
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                actor=request.user,
                plan=plan,
                version=int(version) if version.isdigit() else 0,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("reform:plan", pk=plan.pk)
    return render(
        request,
        "reform/plan_form.html",
        {"nav": "reform", "form": form, "plan": plan},
        status=400 if form.is_bound else 200,
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def plan_detail(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    tasks = selectors.with_state(
        selectors.plan_tasks(plan), day=selectors.today(), calendar=working_calendar()
    )
    return render(
        request,
        "reform/plan_detail.html",
        {
            "nav": "reform",
            "plan": plan,
            "tasks": tasks,
            "budget": money(sum(task.budget or 0 for task in tasks)),
            "reviews": selectors.plan_reviews(plan),
            "writable": can_write(request.user, plan),
            "import_form": ImportForm(),
        },
    )


def _task_form(request, plan, *, data=None, initial=None):
    return TaskForm(data, initial=initial, units=services.unit_choices(plan.agency))


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def task_new(request, pk: int):
    plan = _writable(request, pk)
    form = _task_form(
        request, plan, data=request.POST or None, initial={"timeline_kind": "regular"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Task %(n)d added.") % {"n": task.position})
            if "another" in request.POST:
                return redirect("reform:task-new", pk=plan.pk)
            return redirect("reform:plan", pk=plan.pk)
    return render(
        request,
        "reform/task_form.html",
        {"nav": "reform", "plan": plan, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def task_edit(request, pk: int, task_pk: int):
    plan = _writable(request, pk)
    task = selectors.task_for(request.user, plan, task_pk)
    initial = {name: getattr(task, name) for name in services.TASK_FIELDS - {"coordinating_units"}}
    initial["coordinating_units"] = list(task.coordinating_units.all())
    form = _task_form(request, plan, data=request.POST or None, initial=initial)
    version = request.POST.get("version", "")
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(
                actor=request.user,
                task=task,
                version=int(version) if version.isdigit() else 0,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Task saved."))
            return redirect("reform:task", pk=plan.pk, task_pk=task.pk)
    return render(
        request,
        "reform/task_form.html",
        {"nav": "reform", "plan": plan, "task": task, "form": form},
        status=400 if form.is_bound else 200,
    )


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def tasks_import(request, pk: int):
    """Add tasks from an Excel sheet: every row valid, or nothing is added and the officer sees
    each error by row and column."""
    plan = _writable(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    import_errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            check_upload(upload, kinds=("xlsx",), max_bytes=IMPORT_MAX_BYTES)
        except ValidationError as error:
            form.add_error("sheet", error)
        else:
            upload.seek(0)
            rows, errors = excel.read_workbook(
                upload, year=plan.year, units=services.unit_choices(plan.agency)
            )
            if errors:
                import_errors = errors.errors
            else:
                try:
                    count = services.tasks_import(
                        actor=request.user, plan=plan, rows=rows, source=upload.name[:100]
                    )
                except ValidationError as error:
                    import_errors = [(0, "", message) for message in error.messages]
                else:
                    messages.success(request, _("%(n)d tasks imported.") % {"n": count})
                    return redirect("reform:plan", pk=plan.pk)
    return render(
        request,
        "reform/import.html",
        {"nav": "reform", "plan": plan, "form": form, "import_errors": import_errors},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def import_template(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    content = excel.template_workbook(year=plan.year, units=services.unit_choices(plan.agency))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhiem-vu-{plan.year}.xlsx"'
    return response


def _print_context(plan, tasks) -> dict:
    agency = plan.agency
    issued = datetime.combine(plan.issued_on, time(12, 0))
    # "Kế hoạch cải cách hành chính năm 2026" is printed "KẾ HOẠCH / Cải cách hành chính năm 2026".
    subject = plan.title
    if fold(subject).startswith("ke hoach "):
        subject = subject[len("Kế hoạch ") :]
    return {
        "plan": plan,
        "subject": subject[:1].upper() + subject[1:],
        "tasks": tasks,
        "budget_total": money(sum(task.budget or 0 for task in tasks)),
        "document_title": f"Kế hoạch {plan.number}",
        "title": "KẾ HOẠCH",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "reference": f"Số: {plan.number}",
        "place_date": f"{place_name(agency)}, {long_date(issued)}",
        "paragraphs": [line for line in plan.purpose.splitlines() if line.strip()],
        "signers": [
            Signer(
                # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" is typed on one line and printed on two.
                title=(plan.signer_title or "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH").replace(" / ", "\n"),
                note="(Ký, ghi rõ họ tên và đóng dấu)",
                name=plan.signer_name,
            )
        ],
        "recipients": ["Các đơn vị có tên tại Phụ lục", "Lưu: VT"],
        "form_template": "reform/print_body.html",
    }


@cache
def print_css() -> str:
    return Path(finders.find("reform/plan_print.css")).read_text(encoding="utf-8")


@staff_required(*READERS)
@require_http_methods(["GET"])
def plan_print(request, pk: int):
    """The plan in the administrative layout, and its task appendix ("phụ lục phân công nhiệm
    vụ") on landscape A4 pages; ?pdf=1 for the PDF."""
    plan = selectors.plan_for(request.user, pk)
    context = _print_context(plan, selectors.plan_tasks(plan))
    if request.GET.get("pdf"):
        context["print_css"] = print_css()
        html = render_to_string("reform/pdf.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        safe = "".join(ch if ch.isalnum() else "-" for ch in plan.number)
        response["Content-Disposition"] = f'attachment; filename="ke-hoach-{safe}.pdf"'
        return response
    return render(request, "reform/print.html", context)

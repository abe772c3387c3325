"""Staff pages of a plan's work under way: one task with its progress reports and evidence,
the lead units' overdue queue, and the quarterly reviews with their printed minutes."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.documents import Signer, render_pdf
from core.selectors import working_calendar
from core.wording import long_date, place_name
from org.access import staff_required
from reform import selectors, services
from reform.access import READERS, REPORTERS, WRITERS, can_report, can_write
from reform.forms import ProgressForm, ReviewForm
from reform.models import QuarterlyReview
from reform.rules import ROMAN_OF, TaskStatus
from reform.views import print_css


def _task_page(request, plan, task, *, form=None, status=200):
    day = selectors.today()
    selectors.with_state([task], day=day, calendar=working_calendar())
    reporter = can_report(request.user, task)
    if form is None and reporter:
        status_now = task.status if task.status != TaskStatus.NOT_STARTED else "in_progress"
        form = ProgressForm(
            initial={
                "reported_on": day,
                "status": status_now,
                "percent_done": task.percent_done,
                "version": task.version,
            }
        )
    return render(
        request,
        "reform/task_detail.html",
        {
            "nav": "reform",
            "plan": plan,
            "task": task,
            "coordinators": list(task.coordinating_units.all()),
            "reports": selectors.task_reports(task),
            "form": form if reporter else None,
            "writable": can_write(request.user, plan),
        },
        status=status,
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def task_detail(request, pk: int, task_pk: int):
    plan = selectors.plan_for(request.user, pk)
    task = selectors.task_for(request.user, plan, task_pk)
    return _task_page(request, plan, task)


@require_POST
@staff_required(*REPORTERS)
def progress_add(request, pk: int, task_pk: int):
    """The lead unit reports what it did, with evidence files; all of it is stored or none."""
    plan = selectors.plan_for(request.user, pk)
    task = selectors.task_for(request.user, plan, task_pk)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_report(
                actor=request.user,
                task=task,
                version=data["version"],
                reported_on=data["reported_on"],
                status=data["status"],
                percent_done=data["percent_done"],
                note=data["note"],
                uploads=data["files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("reform:task", pk=plan.pk, task_pk=task.pk)
    return _task_page(request, plan, task, form=form, status=400)


@staff_required(*READERS)
@require_http_methods(["GET"])
def evidence_download(request, pk: int, task_pk: int, evidence_pk: int):
    plan = selectors.plan_for(request.user, pk)
    task = selectors.task_for(request.user, plan, task_pk)
    evidence = selectors.evidence_for(request.user, plan, task, evidence_pk)
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required(*READERS)
@require_http_methods(["GET"])
def overdue(request):
    """The overdue tasks the user's units lead, oldest first."""
    day = selectors.today()
    tasks = selectors.overdue_tasks(request.user, day=day)
    page = Paginator(tasks, 50).get_page(request.GET.get("trang"))
    selectors.with_state(page.object_list, day=day, calendar=working_calendar())
    return render(request, "reform/overdue.html", {"nav": "reform-overdue", "page": page})


@staff_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def review_new(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    if not can_write(request.user, plan):
        raise PermissionDenied
    day = selectors.today()
    done = set(plan.reviews.values_list("quarter", flat=True))
    next_quarter = next((q for q in (1, 2, 3, 4) if q not in done), 4)
    form = ReviewForm(request.POST or None, initial={"quarter": next_quarter, "held_on": day})
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_record(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Quarterly review recorded."))
            return redirect("reform:review", pk=plan.pk, review_pk=review.pk)
    return render(
        request,
        "reform/review_form.html",
        {"nav": "reform", "plan": plan, "form": form},
        status=400 if form.is_bound else 200,
    )


def _review(request, pk: int, review_pk: int):
    plan = selectors.plan_for(request.user, pk)
    try:
        return plan, plan.reviews.select_related("recorded_by").get(pk=review_pk)
    except QuarterlyReview.DoesNotExist:
        raise Http404 from None


@staff_required(*READERS)
@require_http_methods(["GET"])
def review_detail(request, pk: int, review_pk: int):
    plan, review = _review(request, pk, review_pk)
    return render(
        request, "reform/review_detail.html", {"nav": "reform", "plan": plan, "review": review}
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def review_print(request, pk: int, review_pk: int):
    """The minutes of the quarterly review (biên bản sơ kết) in the administrative layout."""
    plan, review = _review(request, pk, review_pk)
    agency = plan.agency
    held = datetime.combine(review.held_on, time(12, 0))
    recorder = review.recorded_by
    context = {
        "plan": plan,
        "review": review,
        "roman": ROMAN_OF[review.quarter],
        "document_title": f"Biên bản sơ kết quý {review.quarter} - {plan.number}",
        "title": "BIÊN BẢN",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "place_date": f"{place_name(agency)}, {long_date(held)}",
        "minutes": [line for line in review.minutes.splitlines() if line.strip()],
        "conclusions": [line for line in review.conclusions.splitlines() if line.strip()],
        "signers": [
            Signer(
                title="THƯ KÝ",
                name=(recorder.full_name or recorder.username) if recorder else "",
            ),
            Signer(title="CHỦ TRÌ", name=review.chaired_by.split(",")[0]),
        ],
        "form_template": "reform/print_review.html",
    }
    if request.GET.get("pdf"):
        html = render_to_string(
            "reform/pdf.html", context | {"print_css": print_css()}, request=request
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="bien-ban-so-ket-{review.pk}.pdf"'
        return response
    return render(request, "reform/print.html", context)

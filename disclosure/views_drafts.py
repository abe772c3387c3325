"""Pages of drafts for public comment: the public list, a draft with its shown comments and the
comment form (no account; held for moderation, rate-limited, with a honeypot), the published
summary; and the staff's list, new draft, moderation, replies and the summary."""

from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import ratelimit
from core.documents import SIGN_NOTE, Signer, render_pdf
from core.views import too_many_requests
from core.wording import long_date, place_name
from disclosure import drafts, selectors
from disclosure.forms_drafts import (
    AnswerForm,
    CommentForm,
    DraftEditForm,
    DraftForm,
    ModerateForm,
    SummaryForm,
    VersionForm,
)
from disclosure.models import CommentStatus, DraftComment
from org.access import staff_required
from org.models import Agency


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Public


@require_GET
def public_list(request):
    day = selectors.today()
    page = Paginator(drafts.public_drafts(day=day), 20).get_page(request.GET.get("trang"))
    return render(request, "disclosure/drafts/public_list.html", {"page": page, "today": day})


def _public_page(request, draft, form, *, status=200, sent=False):
    return render(
        request,
        "disclosure/drafts/public_draft.html",
        {
            "draft": draft,
            "comments": list(drafts.shown_comments(draft)),
            "form": form,
            "is_open": draft.is_open(selectors.today()),
            "sent": sent,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_draft(request, pk: int):
    day = selectors.today()
    draft = drafts.public_draft(pk, day=day)
    if request.method == "GET":
        return _public_page(request, draft, CommentForm(), sent=request.GET.get("da-gui") == "1")
    client = ratelimit.client_key(request)
    window = settings.DRAFT_COMMENT_WINDOW
    allowed, retry_after = ratelimit.hit(
        key=f"draft-comment-ip:{client}",
        limit=settings.DRAFT_COMMENT_IP_LIMIT,
        window_seconds=window,
    )
    if not allowed:
        return too_many_requests(request, retry_after=retry_after)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _public_page(request, draft, form, status=400)
    data = form.cleaned_data
    if data["contact"]:
        # Per contact too: one phone number cannot flood a draft from many networks.
        allowed, retry_after = ratelimit.hit(
            key=f"draft-comment-contact:{data['contact']}",
            limit=settings.DRAFT_COMMENT_CONTACT_LIMIT,
            window_seconds=window,
        )
        if not allowed:
            return too_many_requests(request, retry_after=retry_after)
    try:
        drafts.comment_submit(
            draft=draft,
            day=day,
            body=data["body"],
            author_name=data["author_name"],
            contact=data["contact"],
            section=data["section"],
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _public_page(request, draft, form, status=400)
    return redirect(reverse("disclosure:draft-public", args=[draft.pk]) + "?da-gui=1#gop-y")


@require_GET
def public_summary(request, pk: int):
    draft = drafts.public_draft(pk, day=selectors.today())
    if draft.summary_published_on is None:
        return render(
            request, "disclosure/drafts/public_summary.html", {"draft": draft}, status=404
        )
    return render(
        request,
        "disclosure/drafts/public_summary.html",
        {"draft": draft, "comments": list(drafts.shown_comments(draft))},
    )


@require_GET
def public_summary_sheet(request, pk: int):
    """The summary as an A4 administrative document (attached to the file that submits the
    draft for adoption, posted on the board); ?pdf=1 for a PDF."""
    draft = drafts.public_draft(pk, day=selectors.today())
    if draft.summary_published_on is None:
        raise Http404
    agency = draft.agency
    day = datetime.combine(draft.summary_published_on, time(12, 0))
    context = {
        "draft": draft,
        "comments": list(drafts.shown_comments(draft)),
        "paragraphs": [line for line in draft.summary_intro.splitlines() if line.strip()],
        "document_title": f"Bảng tổng hợp tiếp thu, giải trình: {draft.title}",
        "title": "BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "place_date": f"{place_name(agency)}, {long_date(day)}",
        "signers": [Signer(title="NGƯỜI TỔNG HỢP", note=SIGN_NOTE)],
        "form_template": "disclosure/drafts/summary_sheet_body.html",
    }
    if request.GET.get("pdf"):
        html = render_to_string("dossiers/forms/pdf.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="tong-hop-y-kien-{draft.pk}.pdf"'
        return response
    return render(request, "disclosure/drafts/summary_sheet.html", context)


# Staff


@require_GET
@staff_required(*drafts.DRAFT_READERS)
def staff_list(request):
    page = Paginator(drafts.staff_drafts(request.user), 25).get_page(request.GET.get("trang"))
    return render(
        request,
        "disclosure/drafts/staff_list.html",
        {
            "nav": "drafts",
            "page": page,
            "can_create": bool(drafts.writable_agency_ids(request.user)),
        },
    )


@staff_required(*drafts.PUBLISHERS)
def staff_new(request):
    agencies = Agency.objects.filter(
        is_active=True, id__in=drafts.writable_agency_ids(request.user)
    ).order_by("name")
    form = DraftForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            draft = drafts.draft_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Publish it to open the comment period."))
            return redirect("disclosure:draft-staff", pk=draft.pk)
    return render(
        request,
        "disclosure/drafts/staff_new.html",
        {"nav": "drafts", "form": form},
        status=400 if form.errors else 200,
    )


def _staff_page(request, draft, *, status=200, bound=None, bound_comment=None):
    comments = list(draft.comments.select_related("moderated_by", "replied_by"))
    writable = drafts.can_write(request.user, draft)
    for comment in comments:
        is_bound = bound is not None and bound_comment == comment.pk
        if comment.status == CommentStatus.HELD:
            comment.form = bound if is_bound else ModerateForm(prefix=f"m{comment.pk}")
        elif comment.status == CommentStatus.APPROVED:
            initial = {
                "reply": comment.reply,
                "decision": comment.decision or None,
                "explanation": comment.explanation,
            }
            comment.form = (
                bound if is_bound else AnswerForm(prefix=f"a{comment.pk}", initial=initial)
            )
    day = selectors.today()
    context = {
        "nav": "drafts",
        "draft": draft,
        "comments": comments,
        "writable": writable,
        "today": day,
        "is_open": draft.is_open(day),
        "version_form": VersionForm(initial={"version": draft.version}),
        "summary_form": (bound if bound_comment == "summary" else None)
        or SummaryForm(initial={"version": draft.version, "intro": draft.summary_intro}),
        "summary_ready": draft.published_on is not None and day > draft.closes_on,
    }
    return render(request, "disclosure/drafts/staff_draft.html", context, status=status)


@require_GET
@staff_required(*drafts.DRAFT_READERS)
def staff_draft(request, pk: int):
    return _staff_page(request, drafts.staff_draft(request.user, pk))


def _writable(request, pk):
    draft = drafts.staff_draft(request.user, pk)
    if not drafts.can_write(request.user, draft):
        raise PermissionDenied
    return draft


@staff_required(*drafts.PUBLISHERS)
def staff_edit(request, pk: int):
    draft = _writable(request, pk)
    fields = ("title", "summary", "body", "opens_on", "closes_on", "version")
    initial = {name: getattr(draft, name) for name in fields}
    form = DraftEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            drafts.draft_update(actor=request.user, draft=draft, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("disclosure:draft-staff", pk=draft.pk)
    return render(
        request,
        "disclosure/drafts/staff_new.html",
        {"nav": "drafts", "form": form, "draft": draft},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_required(*drafts.PUBLISHERS)
def staff_publish(request, pk: int):
    draft = _writable(request, pk)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the page and try again."))
        drafts.draft_publish(
            actor=request.user,
            draft=draft,
            day=selectors.today(),
            version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is published: residents can comment on it."))
    return redirect("disclosure:draft-staff", pk=draft.pk)


@require_POST
@staff_required(*drafts.PUBLISHERS)
def staff_moderate(request, pk: int, comment_pk: int):
    draft = _writable(request, pk)
    comment = get_object_or_404(DraftComment, pk=comment_pk, draft=draft)
    form = ModerateForm(request.POST, prefix=f"m{comment.pk}")
    if form.is_valid():
        try:
            drafts.comment_moderate(actor=request.user, comment=comment, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Moderation recorded."))
            return redirect(reverse("disclosure:draft-staff", args=[draft.pk]) + "#y-kien")
    return _staff_page(request, draft, status=400, bound=form, bound_comment=comment.pk)


@require_POST
@staff_required(*drafts.PUBLISHERS)
def staff_answer(request, pk: int, comment_pk: int):
    draft = _writable(request, pk)
    comment = get_object_or_404(DraftComment, pk=comment_pk, draft=draft)
    form = AnswerForm(request.POST, prefix=f"a{comment.pk}")
    if form.is_valid():
        try:
            drafts.comment_answer(actor=request.user, comment=comment, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Answer saved."))
            return redirect(reverse("disclosure:draft-staff", args=[draft.pk]) + "#y-kien")
    return _staff_page(request, draft, status=400, bound=form, bound_comment=comment.pk)


@require_POST
@staff_required(*drafts.PUBLISHERS)
def staff_summary(request, pk: int):
    draft = _writable(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            drafts.summary_publish(
                actor=request.user,
                draft=draft,
                intro=form.cleaned_data["intro"],
                day=selectors.today(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The summary is published."))
            return redirect("disclosure:draft-staff", pk=draft.pk)
    return _staff_page(request, draft, status=400, bound=form, bound_comment="summary")

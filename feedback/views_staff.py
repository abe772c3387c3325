"""Staff pages for feedback: the queues, intake at the counter / hotline / letter, one item with
the actions this user may take now, and the printed receipt."""

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.actors import Actor
from core.audit import audit_record
from core.network import client_ip
from core.paging import uncounted_page
from core.selectors import working_calendar
from core.wording import long_date, place_name
from feedback import selectors
from feedback.deadlines import deadline_of
from feedback.forms import ActionForm, StaffIntakeForm
from feedback.services import (
    Conflict,
    FeedbackError,
    Move,
    Submission,
    feedback_register,
    feedback_transition,
)
from feedback.wording import state_tone
from feedback.workflow import EDGES, Action, allowed_edges
from org.access import OFFICE_ROLES, agency_and_above, staff_required
from org.models import Role

QUEUES = {
    "open": gettext_lazy("Open"),
    "overdue": gettext_lazy("Overdue"),
    "mine": gettext_lazy("Assigned to me"),
    "all": gettext_lazy("All"),
}
INTAKE_ROLES = (Role.RECEIVING_OFFICER, Role.LEADER)
PER_PAGE = 30


@staff_required(*OFFICE_ROLES)
def queue(request):
    view = request.GET.get("hang", "open")
    if view not in QUEUES:
        view = "open"
    now = timezone.now()
    query = request.GET.get("q", "")[:100]
    rows = selectors.queue_for_staff(request.user, view=view, now=now, query=query)
    page = uncounted_page(rows, number=request.GET.get("trang"), per_page=PER_PAGE)
    calendar = working_calendar()
    for item in page.object_list:
        item.deadline = deadline_of(item, now=now, calendar=calendar)
        item.tone = state_tone(item.state)
    return render(
        request,
        "feedback/staff_queue.html",
        {
            "nav": "feedback",
            "page": page,
            "queues": list(QUEUES.items()),
            "current": view,
            "query": query,
            "can_register": bool(
                StaffIntakeForm(user=request.user).fields["agency"].queryset.exists()
            ),
        },
    )


@staff_required(*INTAKE_ROLES)
@require_http_methods(["GET", "POST"])
def register(request):
    form = StaffIntakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = feedback_register(
                submission=Submission(
                    agency=data["agency"],
                    channel=data["channel"],
                    kind=data["kind"],
                    sender_name=data["sender_name"],
                    subject=data["subject"],
                    content=data["content"],
                    sender_phone=data["sender_phone"],
                    sender_email=data["sender_email"],
                    sender_address=data["sender_address"],
                    publish_identity=data["publish_identity"],
                    procedure_version=data["procedure_version"],
                    dossier=data["dossier_code"],
                ),
                actor=request.user,
            )
        except FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Registered as %(code)s.") % {"code": item.code})
            return redirect("feedback:item", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "feedback/staff_register.html", {"nav": "feedback", "form": form}, status=status
    )


def _handlers(item):
    """Officers who may be given the item: specialists and leaders of its agency or above."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            roles__role__in=[Role.SPECIALIST, Role.LEADER],
            roles__agency_id__in=agency_and_above({item.agency_id}),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _render_item(request, item, *, bound=None, error="", status=200):
    actor = Actor.staff(request.user)
    edges = allowed_edges(item, actor)
    forms = [
        bound
        if bound is not None and bound.edge.action == edge.action
        else ActionForm(
            edge, item, handlers=_handlers(item) if edge.action == Action.ASSIGN else None
        )
        for edge in edges
    ]
    now = timezone.now()
    return render(
        request,
        "feedback/staff_item.html",
        {
            "nav": "feedback",
            "item": item,
            "history": item.history.select_related("assignee").all(),
            "tone": state_tone(item.state),
            "deadline": deadline_of(item, now=now, calendar=working_calendar()),
            "action_forms": forms,
            "error": error,
        },
        status=status,
    )


@staff_required(*OFFICE_ROLES)
def item_page(request, pk: int):
    item = selectors.item_for_staff(request.user, pk=pk)
    # R16: the page shows the sender's personal data; every reading is recorded.
    audit_record(
        action="feedback_view",
        actor=request.user,
        agency_code=item.agency.code,
        obj=item,
        ip=client_ip(request),
    )
    return _render_item(request, item)


@require_POST
@staff_required(*OFFICE_ROLES)
def item_action(request, pk: int):
    item = selectors.item_for_staff(request.user, pk=pk)
    edge = next((e for e in EDGES if e.action == request.POST.get("action")), None)
    if edge is None:
        return _render_item(request, item, error=_("This action does not exist."), status=400)
    form = ActionForm(
        edge,
        item,
        request.POST,
        handlers=_handlers(item) if edge.action == Action.ASSIGN else None,
    )
    if not form.is_valid():
        return _render_item(
            request,
            item,
            bound=form,
            error=_("Nothing was changed: correct the fields of the action below."),
            status=400,
        )
    data = form.cleaned_data
    try:
        feedback_transition(
            item_id=item.pk,
            move=Move(
                action=edge.action,
                expected_version=data["version"],
                note=data.get("note", ""),
                assignee=data.get("assignee"),
                forwarded_to=data.get("forwarded_to", ""),
                public_question=data.get("public_question", ""),
                public_answer=data.get("public_answer", ""),
            ),
            actor=request.user,
        )
    except Conflict as conflict:
        fresh = selectors.item_for_staff(request.user, pk=pk)
        return _render_item(request, fresh, error=str(conflict), status=409)
    except FeedbackError as refused:
        return _render_item(request, item, bound=form, error=str(refused), status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(edge.action).label})
    return redirect("feedback:item", pk=item.pk)


@staff_required(*OFFICE_ROLES)
def receipt(request, pk: int):
    """The receipt handed or posted to the person: code, date, where to follow it (QR)."""
    item = selectors.item_for_staff(request.user, pk=pk)
    return render(
        request, "feedback/receipt.html", {"item": item, **_receipt_context(request, item)}
    )


def _receipt_context(request, item) -> dict:
    url = request.build_absolute_uri(f"{reverse('feedback:follow')}?{urlencode({'ma': item.code})}")
    # Vector, no inline style: prints sharp and passes the CSP.
    qr = segno.make(url, error="m").svg_inline(
        scale=4, border=2, omitsize=True, title=f"Tra cứu phản ánh {item.code}"
    )
    first = item.history.select_related("actor").first()
    return {
        "follow_url": url,
        "qr_svg": qr,
        "officer": first.actor if first is not None else None,
        "place_date": f"{place_name(item.agency)}, {long_date(item.received_at)}",
    }

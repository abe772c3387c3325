"""The officer workspace: work queues, reception at the counter and the dossier page with the
actions its reader may take now."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.declaration import declaration_rows
from catalog.eform import focus_first_error
from core.audit import audit_record
from core.network import client_ip
from core.panels import dossier_marks, dossier_panels
from core.selectors import working_calendar
from dossiers import selectors, selectors_results
from dossiers.files import files_removed_on_failure
from dossiers.forms import ActionForm, QueueFilterForm
from dossiers.forms_results import STAGE_OF_ACTION, collector_data, result_document_data
from dossiers.messages import dossier_messages
from dossiers.results import result_collection_record, result_document_record
from dossiers.services import STALE, Conflict, WorkflowError, dossier_transition
from dossiers.workflow import EDGES, NATIONAL_CODE, Action
from org.access import staff_required
from org.selectors import can_see_audit

JUST_RECEIVED = "motcua_just_received"
# Forms a dossier page links to, and the action in its history that makes each relevant.
PRINTABLE = [
    ("01", gettext_lazy("receipt and appointment"), None),
    ("02", gettext_lazy("supplement request"), Action.REQUEST_SUPPLEMENT),
    ("03", gettext_lazy("refusal"), Action.REFUSE),
    ("04", gettext_lazy("apology and new date"), Action.APOLOGISE),
    ("05", gettext_lazy("stop notice"), Action.STOP),
    ("06", gettext_lazy("process control sheet"), None),
]


def _context(request, nav="dossiers", **extra):
    return {"nav": nav, "can_see_audit": can_see_audit(request.user), **extra}


# --- Queues --------------------------------------------------------------------------------


@staff_required()
def queue(request):
    """The work queues of the user's roles, with counts, search and paging."""
    form = QueueFilterForm(request.GET)
    result = selectors.queue_page(
        request.user, criteria=form.criteria(), page_number=request.GET.get("trang")
    )
    dossier_marks(result.page.object_list)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "dossiers/workspace/queue.html",
        _context(
            request,
            form=form,
            result=result,
            page=result.page,
            query_string=query.urlencode(),
            can_receive=bool(selectors.receiving_agencies_of(request.user)),
        ),
    )


# --- The dossier page ----------------------------------------------------------------------


def _form_url(pk: int, number: str) -> str:
    return reverse("dossiers:form", args=[pk, number])


def _action_form(edge, dossier, data=None, files=None) -> ActionForm:
    return ActionForm(
        data,
        files,
        edge=edge,
        return_method=dossier.return_method,
        initial={"version": dossier.version},
        assignees=selectors.assignee_choices(dossier) if edge.action == Action.ASSIGN else None,
        agencies=selectors.transfer_choices(dossier) if edge.action == Action.TRANSFER else None,
        due_at=dossier.due_at,
    )


def _render_dossier(request, dossier, *, bound=None, error="", status=200):
    now = timezone.now()
    if bound is not None and bound.errors:
        focus_first_error(bound)
    edges = selectors.actions_for(request.user, dossier, now=now)
    action_forms = [
        bound
        if bound is not None and bound.edge.action == edge.action
        else _action_form(edge, dossier)
        for edge in edges
    ]
    history = list(dossier.history.all())
    done = {change.action for change in history}
    applicants = list(dossier.applicants.all())
    fees = list(dossier.fees.all())
    eform_fields = list(dossier.procedure_version.form_fields.all())
    just_received = request.session.pop(JUST_RECEIVED, None) == dossier.pk
    dossier_marks([dossier])
    response = render(
        request,
        "dossiers/workspace/dossier.html",
        _context(
            request,
            dossier=dossier,
            procedure=dossier.procedure_version.procedure,
            national_code=NATIONAL_CODE[dossier.state],
            state_tone=selectors.STATE_TONE.get(dossier.state, "info"),
            deadline=selectors.deadline_of(dossier, now=now, calendar=working_calendar()),
            history=history,
            applicants=applicants,
            declaration=declaration_rows(eform_fields, dossier.form_data),
            documents=dossier.documents.all(),
            result_documents=selectors_results.result_documents_of(dossier),
            collection=selectors_results.collection_of(dossier),
            fees=fees,
            fees_total=sum(fee.amount for fee in fees),
            sent_messages=dossier_messages(dossier),
            panels=dossier_panels(request, dossier),
            action_forms=action_forms,
            error=error,
            conflict=status == 409,
            just_received=just_received,
            receipt_url=_form_url(dossier.pk, "01"),
            printable=[
                (number, name, _form_url(dossier.pk, number))
                for number, name, needs in PRINTABLE
                if (needs is None and dossier.received_at) or needs in done
            ],
        ),
        status=status,
    )
    return response


@staff_required()
def dossier_page(request, pk: int):
    dossier = selectors.dossier_for_staff(request.user, pk=pk)
    # R16: the page shows the applicant's personal data; every reading is recorded.
    audit_record(
        action="dossier_view",
        actor=request.user,
        agency_code=dossier.receiving_agency.code,
        obj=dossier,
        ip=client_ip(request),
    )
    return _render_dossier(request, dossier)


@require_POST
@staff_required()
def dossier_action(request, pk: int):
    """Apply one action with the version the page showed. A stale page gets 409 and changes
    nothing (R3); a refused action gets 400 with the reason."""
    dossier = selectors.dossier_for_staff(request.user, pk=pk)
    edge = next((e for e in EDGES if e.action == request.POST.get("action")), None)
    if edge is None:
        return _render_dossier(request, dossier, error=_("This action does not exist."), status=400)
    form = _action_form(edge, dossier, request.POST, request.FILES)
    valid = form.is_valid()
    seen = form.cleaned_data.get("version")
    if seen is not None and seen != dossier.version:
        return _render_dossier(request, dossier, error=str(STALE), status=409)
    if not valid:
        return _render_dossier(
            request,
            dossier,
            bound=form,
            error=_("Nothing was changed: correct the fields of the action below."),
            status=400,
        )
    try:
        _transition_with_result(request, dossier, form)
    except ValidationError as refused:
        for message in refused.messages:
            form.add_error(None, message)
        return _render_dossier(
            request, dossier, bound=form, error=_("Nothing was changed."), status=400
        )
    except Conflict as conflict:
        fresh = selectors.dossier_for_staff(request.user, pk=pk)
        return _render_dossier(request, fresh, error=str(conflict), status=409)
    except WorkflowError as refused:
        return _render_dossier(request, dossier, bound=form, error=str(refused), status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(edge.action).label})
    return redirect("dossiers:dossier", pk=dossier.pk)


def _transition_with_result(request, dossier, form) -> None:
    """The action and what it carries (the result document, the collector) in one
    transaction: both are written or neither, and a stored file never outlives a failure."""
    document = result_document_data(form)
    collector = collector_data(form)
    with files_removed_on_failure() as stored, transaction.atomic():
        changed = dossier_transition(dossier_id=dossier.pk, move=form.move(), actor=request.user)
        if document is not None:
            result_document_record(
                dossier=changed,
                stage=STAGE_OF_ACTION[form.edge.action],
                data=document,
                actor=request.user,
                stored=stored,
            )
        if collector is not None:
            result_collection_record(dossier=changed, data=collector, actor=request.user)

"""The officer workspace: work queues, reception at the counter and the dossier page with the
actions its reader may take now."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.eform import build_form_class, focus_first_error
from catalog.models import Channel
from core.audit import audit_record
from core.selectors import working_calendar
from core.signals import client_ip
from dossiers import selectors
from dossiers.files import dossier_file_store
from dossiers.forms import ActionForm, ProcedurePickForm, QueueFilterForm, ReceptionForm, unchecked
from dossiers.services import STALE, Conflict, WorkflowError, dossier_receive, dossier_transition
from dossiers.workflow import EDGES, NATIONAL_CODE, Action
from org.access import staff_required
from org.models import Role
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


# --- Reception -----------------------------------------------------------------------------


def _with_prefill(data, fields):
    """Fill e-form fields the catalogue marks as known from the applicant, when left empty:
    the citizen is not asked twice (Decree 45/2020)."""
    if data is None:
        return None
    data = data.copy()
    for item in fields:
        name = f"ef-{item.key}"
        if item.prefill_from and not data.get(name):
            data[name] = data.get(item.prefill_from.removeprefix("applicant."), "")
    return data


def _receive(form: ReceptionForm, eform, actor):
    """Receive the dossier with its scans: `dossier_receive` stores them in the same
    transaction (R4), and a replayed submission returns the dossier already received (R2)."""
    form_data = json.loads(json.dumps(eform.cleaned_data, cls=DjangoJSONEncoder))
    return dossier_receive(reception=form.reception(form_data=form_data), actor=actor)


def _pick(request):
    form = ProcedurePickForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    versions = selectors.receivable_versions(request.user, query=query.replace("\x00", ""))
    return render(
        request,
        "dossiers/workspace/pick.html",
        _context(request, "reception", form=form, versions=versions[:50], query=query),
    )


@staff_required(Role.RECEIVING_OFFICER)
def reception(request):
    """Step 1 chooses the procedure (?thu_tuc=), step 2 fills the applicant, the e-form and
    the checklist; "accept" receives the dossier, "refuse" records nothing and lists what is
    missing."""
    counters = selectors.receiving_agencies_of(request.user)
    if not counters:
        raise PermissionDenied
    version_id = request.POST.get("thu_tuc") or request.GET.get("thu_tuc", "")
    if not version_id:
        return _pick(request)
    if not version_id.isdigit():
        raise Http404
    version = selectors.receivable_version(request.user, pk=int(version_id))
    competents = selectors.competent_agencies(request.user, version)
    if not competents:
        raise Http404
    fields = list(version.form_fields.all())
    posted = request.method == "POST"
    data = request.POST if posted else None
    form = ReceptionForm(
        data,
        request.FILES if posted else None,
        version=version,
        counters=counters,
        competents=competents,
        with_files=dossier_file_store is not None,
    )
    eform = build_form_class(fields)(_with_prefill(data, fields), prefix="ef")
    missing = None
    if posted and request.POST.get("decision") == "refuse":
        unchecked(form)
        unchecked(eform)
        missing = form.missing_documents()
    elif posted:
        valid = form.is_valid()
        if eform.is_valid() and valid:
            try:
                dossier = _receive(form, eform, request.user)
            except ValidationError as error:  # a scan the storage refused after all
                form.add_error(None, error)
            else:
                messages.success(request, _("Dossier %(code)s received.") % {"code": dossier.code})
                request.session[JUST_RECEIVED] = dossier.pk
                return redirect("dossiers:dossier", pk=dossier.pk)
    if form.errors:
        focus_first_error(form)
    elif eform.errors:
        eform.focus_first_error()
    elif not posted:
        form.fields["id_number"].widget.attrs["autofocus"] = True
    return render(
        request,
        "dossiers/workspace/reception.html",
        _context(
            request,
            "reception",
            form=form,
            eform=eform,
            version=version,
            missing=missing,
            term=next((c for c in version.channels.all() if c.channel == Channel.DIRECT), None),
            fees=[f for f in version.fees.all() if f.channel in ("", Channel.DIRECT)],
        ),
    )


# --- The dossier page ----------------------------------------------------------------------


def _form_url(pk: int, number: str) -> str:
    return reverse("dossiers:form", args=[pk, number])


def _action_form(edge, dossier, data=None) -> ActionForm:
    return ActionForm(
        data,
        edge=edge,
        initial={"version": dossier.version},
        assignees=selectors.assignee_choices(dossier) if edge.action == Action.ASSIGN else None,
        agencies=selectors.transfer_choices(dossier) if edge.action == Action.TRANSFER else None,
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
    just_received = request.session.pop(JUST_RECEIVED, None) == dossier.pk
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
            documents=dossier.documents.all(),
            fees=fees,
            fees_total=sum(fee.amount for fee in fees),
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
    form = _action_form(edge, dossier, request.POST)
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
        dossier_transition(dossier_id=dossier.pk, move=form.move(), actor=request.user)
    except Conflict as conflict:
        fresh = selectors.dossier_for_staff(request.user, pk=pk)
        return _render_dossier(request, fresh, error=str(conflict), status=409)
    except WorkflowError as refused:
        return _render_dossier(request, dossier, bound=form, error=str(refused), status=400)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(edge.action).label})
    return redirect("dossiers:dossier", pk=dossier.pk)

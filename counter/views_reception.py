"""Reception at the counter: choose the procedure, identify the citizen with one scan of the ID
card, reuse what the office holds once the citizen consents, fill the declaration (or fill it
for a citizen who does not write), tick the documents and receive.

Every step works as a whole-page form post; workspace.js only swaps the applicant block in
place (the `reception_card` endpoint) so a scan does not reload the page. The block's steps
(card, reuse, consent) are in counter.applicant_block.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.eform import build_form_class, focus_first_error, with_applicant_prefill
from catalog.models import Channel
from citizens.selectors import citizen_by_id_number
from citizens.services import citizen_update
from core.converters import id_from
from core.network import client_ip
from core.wording import money
from counter.applicant_block import (
    ApplicantBlock,
    Counter,
    complete,
    read_card,
    reuse,
    withdraws_consent,
)
from counter.forms_fees import (
    bind_fee_lines,
    counter_fees,
    fee_lines,
    fee_total,
    linked_selector,
)
from counter.forms_reception import ReceptionForm, unchecked, with_only_error
from counter.services_guidance import refusal_guidance_create
from counter.views_reception_pick import _context, _held_card, _pick
from dossiers import selectors
from dossiers.files import dossier_file_store
from dossiers.models import ApplicantKind, ReturnMethod
from dossiers.reuse import disagreements
from dossiers.services import dossier_receive
from dossiers.views_workspace import JUST_RECEIVED
from org.access import staff_required
from org.models import Role

SCAN, REUSE, ACCEPT, REFUSE, FEES = "scan", "reuse", "accept", "refuse", "fees"
DECISIONS = {SCAN, REUSE, ACCEPT, REFUSE, FEES}


def _counter(request, version_id: str) -> Counter:
    counters = selectors.receiving_agencies_of(request.user)
    if not counters:
        raise PermissionDenied
    version_pk = id_from(version_id)
    if version_pk is None:
        raise Http404
    version = selectors.receivable_version(request.user, pk=version_pk)
    competents = selectors.competent_agencies(request.user, version)
    if not competents:
        raise Http404
    return Counter(version, counters, competents, list(version.form_fields.all()))


def _forms(request, counter: Counter, data, block: ApplicantBlock):
    posted = data is not None
    form = ReceptionForm(
        data,
        request.FILES if posted else None,
        version=counter.version,
        counters=counter.counters,
        competents=counter.competents,
        with_files=dossier_file_store is not None,
        helpers=[
            request.user,
            *(
                helper
                for helper in selectors.helpers_on_duty(
                    agencies=counter.counters, day=timezone.localdate()
                )
                if helper.pk != request.user.pk
            ),
        ],
        disagreements=disagreements(citizen=block.citizen, data=data)
        if posted and block.citizen is not None
        else (),
        eform_fields=counter.fields,
    )
    eform = build_form_class(counter.fields)(
        with_applicant_prefill(data, counter.fields) if data is not None else None, prefix="ef"
    )
    return form, eform


def _focus_next(form, eform, block: ApplicantBlock) -> None:
    """After a scan or a reuse, the focus goes where the next action is (DESIGN.md): the consent
    box when data is held, else the first empty required field; after a refused scan, back to
    the scan field."""
    for bound in (form, eform):
        for item in bound.fields.values():
            item.widget.attrs.pop("autofocus", None)
    if block.card_error:
        form.fields["card"].widget.attrs["autofocus"] = True
        return
    # Data is held about this citizen: the next action is asking whether it may be reused, and
    # the panel must be on screen, not scrolled away by a field further down.
    if block.known and not block.filled and not form["reuse_consent"].value():
        form.fields["reuse_consent"].widget.attrs["autofocus"] = True
        return
    for disagreement, picked in form.pick_rows():
        if not picked.value():
            form.fields[f"pick_{disagreement.name}"].widget.attrs["autofocus"] = True
            return
    person = form["kind"].value() != ApplicantKind.ORGANISATION
    candidates = [(form, "full_name"), *([(form, "id_number")] if person else [])]
    candidates += [(eform, name) for name, item in eform.fields.items() if item.required]
    for bound, name in candidates:
        if not bound[name].value():
            bound.fields[name].widget.attrs["autofocus"] = True
            return


def _receive(form: ReceptionForm, eform, request, counter: Counter):
    """Receive the dossier with its scans: `dossier_receive` stores them in the same
    transaction (R4), and a replayed submission returns the dossier already received (R2).
    Card values the officer confirmed then update the registry."""
    form_data = json.loads(json.dumps(eform.cleaned_data, cls=DjangoJSONEncoder))
    data = form.cleaned_data
    citizen = None
    if data["kind"] == ApplicantKind.INDIVIDUAL and data["id_number"]:
        citizen = citizen_by_id_number(id_number=data["id_number"])
    dossier = dossier_receive(
        reception=form.reception(form_data=form_data, citizen=citizen), actor=request.user
    )
    changes = {name: data[name] for name, pick in form.picks().items() if pick == "card"}
    if citizen is not None and changes:
        try:
            citizen_update(
                citizen=citizen,
                changes=changes,
                actor=request.user,
                agency_code=dossier.receiving_agency.code,
            )
        except ValidationError:
            messages.warning(
                request, _("The registry was not updated: check the citizen's details there.")
            )
    return dossier


def _first_data(request, counter: Counter, card_text: str) -> QueryDict:
    """The form as first shown, with the card held from step 1 in the scan field: reading it
    then goes exactly as a scan on this page."""
    block = ApplicantBlock()
    form, eform = _forms(request, counter, None, block)
    data = QueryDict(mutable=True)
    for bound in (*form, *eform):
        value = bound.value()
        if value not in (None, False, ""):
            data[bound.html_name] = str(value) if value is not True else "on"
    data["card"] = card_text
    return data


def _step(request, counter: Counter, decision: str, data=None):
    """Read the card or reuse the data held, on a copy of the posted form."""
    data = request.POST.copy() if data is None else data
    if decision == REUSE:
        block = reuse(request, data, counter)
    else:
        block = read_card(request, data, counter)
    block = complete(block, request, data, counter)
    form, eform = _forms(request, counter, data, block)
    unchecked(form)
    unchecked(eform)
    _focus_next(form, eform, block)
    return form, eform, block


@staff_required(Role.RECEIVING_OFFICER)
def reception(request):
    """Step 1 chooses the procedure (?thu_tuc=), step 2 fills the applicant, the e-form and
    the checklist; "accept" receives the dossier, "refuse" records nothing and lists what is
    missing, "scan" reads the ID card and "reuse" fills in the data held, with consent."""
    version_id = request.POST.get("thu_tuc") or request.GET.get("thu_tuc", "")
    if not version_id:
        if not selectors.receiving_agencies_of(request.user):
            raise PermissionDenied
        return _pick(request)
    counter = _counter(request, version_id)
    posted = request.method == "POST"
    decision = request.POST.get("decision", ACCEPT) if posted else ""
    held_text = "" if posted else _held_card(request, keep=False)[0]
    # Without JavaScript the scanner's Enter submits the form: text in the scan field means
    # "read the card", never "receive".
    if decision == ACCEPT and request.POST.get("card", "").strip():
        decision = SCAN
    # Unticking the consent shown in force, then "receive" without JavaScript: record the
    # withdrawal and show the emptied fields first; the officer receives after.
    elif decision == ACCEPT and withdraws_consent(request.POST):
        decision = REUSE
    missing = guidance = None
    status = 200
    if held_text:
        # The card scanned before the procedure was chosen fills the applicant now.
        data = _first_data(request, counter, held_text)
        form, eform, block = _step(request, counter, SCAN, data=data)
    elif decision in (SCAN, REUSE):
        form, eform, block = _step(request, counter, decision)
    else:
        data = request.POST if posted else None
        block = complete(None, request, data, counter)
        form, eform = _forms(request, counter, data, block)
        if decision == REFUSE:
            unchecked(form)
            unchecked(eform)
            missing = form.missing_documents()
            guidance = _refusal_guidance(request, form, counter, missing)
        elif decision == FEES:
            # "Recompute the fees" without JavaScript: the amounts, nothing else checked.
            unchecked(form)
            unchecked(eform)
            _focus_fees(form)
        elif posted and decision not in DECISIONS:
            # Only a tampered or outdated page sends another value: receiving on it would
            # take a guess for a decision.
            status = 400
            with_only_error(
                form,
                _(
                    "The page sent an unknown action, so nothing was received. Check the "
                    "details and press “Accept and receive” or “Refuse: incomplete”."
                ),
            )
            unchecked(eform)
        elif posted:
            valid = form.is_valid()
            if eform.is_valid() and valid:
                try:
                    dossier = _receive(form, eform, request, counter)
                except ValidationError as error:  # a scan the storage refused after all
                    form.add_error(None, error)
                else:
                    messages.success(
                        request, _("Dossier %(code)s received.") % {"code": dossier.code}
                    )
                    request.session[JUST_RECEIVED] = dossier.pk
                    if dossier.return_method == ReturnMethod.POST:
                        # The post was chosen: its address, phone and postage come next.
                        return redirect("postal:request", dossier_pk=dossier.pk)
                    return redirect("dossiers:dossier", pk=dossier.pk)
        if form.errors:
            focus_first_error(form)
        elif eform.errors:
            eform.focus_first_error()
        elif not posted:
            form.fields["card"].widget.attrs["autofocus"] = True
    return render(
        request,
        "counter/reception/reception.html",
        _context(
            request,
            "reception",
            form=form,
            eform=eform,
            # Not "block": inside {% block %} that name is Django's own, and the included
            # partial would read it instead of this one.
            applicant_block=block,
            version=counter.version,
            missing=missing,
            guidance=guidance,
            term=next(
                (c for c in counter.version.channels.all() if c.channel == Channel.DIRECT), None
            ),
            fee_lines=bind_fee_lines(form),
            fee_total=fee_total(form.fee_lines),
            fee_linked=linked_selector(form.fee_lines),
        ),
        status=status,
    )


def _refusal_guidance(request, form: ReceptionForm, counter: Counter, missing: list):
    """The written guidance for a refused dossier, listing the documents not handed in and what
    the officer wrote besides; None when it would list nothing (the page asks what is wrong)."""
    other = form.data.get("refusal_note", "")[:2000]
    if not missing and not other.strip():
        return None
    name = form.data.get("organisation_name") or form.data.get("full_name") or ""
    try:
        return refusal_guidance_create(
            actor=request.user,
            agency=counter.agency_of(form.data),
            version=counter.version,
            missing_documents=[document.name for document in missing],
            other_items=other,
            citizen_name=name[:150],
            ip=client_ip(request),
        )
    except ValidationError:
        return None


def _focus_fees(form) -> None:
    """After recomputing, the focus goes back to the fee boxes: the first one whose quantity
    is wrong, else the first one."""
    for item in form.fields.values():
        item.widget.attrs.pop("autofocus", None)
    lines = form.fee_lines
    line = next((line for line in lines if line.message), lines[0] if lines else None)
    if line is not None:
        name = line.names.get(line.problem_field) or next(
            (line.names[n] for n in ("pages", "count") if n in line.names), line.names["amount"]
        )
        form.fields[name].widget.attrs["autofocus"] = True


@require_POST
@staff_required(Role.RECEIVING_OFFICER)
def reception_fees(request):
    """The fees' amounts for the quantities typed so far, for the page to show while the
    officer types (reception_fees.js); the form posts the same values when it is sent."""
    counter = _counter(request, request.POST.get("thu_tuc", ""))
    lines = fee_lines(counter_fees(counter.version), request.POST, counter.fields)
    total = fee_total(lines)
    return JsonResponse(
        {
            "fees": [
                {
                    "id": line.pk,
                    "computed": money(line.computed) if line.computed is not None else "—",
                    "message": line.message,
                    "charged": money(line.charged) if line.charged is not None else "—",
                    "corrected": line.charged != line.computed,
                }
                for line in lines
            ],
            "total": money(total) if total is not None else "—",
        }
    )


@require_POST
@staff_required(Role.RECEIVING_OFFICER)
def reception_card(request):
    """The applicant block alone, after a scan or a consent to reuse: workspace.js swaps it in
    place of the old one. Everything else typed on the page stays as it is."""
    counter = _counter(request, request.POST.get("thu_tuc", ""))
    decision = REUSE if request.POST.get("decision") == REUSE else SCAN
    form, eform, block = _step(request, counter, decision)
    return render(
        request,
        "counter/reception/_applicant.html",
        {"form": form, "eform": eform, "applicant_block": block, "version": counter.version},
    )

"""Reception at the counter: choose the procedure, identify the citizen with one scan of the ID
card, reuse what the office holds once the citizen consents, fill the declaration (or fill it
for a citizen who does not write), tick the documents and receive.

Every step works as a whole-page form post; workspace.js only swaps the applicant block in
place (the `reception_card` endpoint) so a scan does not reload the page.
"""

import json
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.eform import DATE_FORMAT, build_form_class, focus_first_error, with_applicant_prefill
from catalog.models import Channel, ProcedureVersion
from citizens.cccd import CardError, parse_card
from citizens.models import Citizen, Consent, ConsentPurpose
from citizens.selectors import citizen_by_id_number, consent_in_force
from citizens.services import citizen_from_card, citizen_update, consent_grant, consent_withdraw
from dossiers import selectors
from dossiers.files import dossier_file_store
from dossiers.forms import ProcedurePickForm, ReceptionForm, unchecked
from dossiers.models import ApplicantKind
from dossiers.reuse import KnownValue, disagreements, known_values
from dossiers.services import dossier_receive
from dossiers.views_workspace import JUST_RECEIVED, _context
from org.access import staff_required
from org.models import Agency, Role
from org.selectors import UnitRenaming, unit_renaming_in

SCAN, REUSE, ACCEPT, REFUSE = "scan", "reuse", "accept", "refuse"
CONTACT = ("phone", "email")
REUSABLE = (*CONTACT, "address")


@dataclass
class Counter:
    """What every reception step needs: the procedure and the agencies of this counter."""

    version: ProcedureVersion
    counters: list[Agency]
    competents: list[Agency]
    fields: list

    def agency_of(self, data) -> Agency:
        """The receiving point the form names, or the officer's only one."""
        chosen = (data or {}).get("receiving_agency", "")
        return next((a for a in self.counters if str(a.pk) == chosen), self.counters[0])


@dataclass
class ApplicantBlock:
    """What the applicant block shows besides the form: the scan's outcome and the data held."""

    card_error: str = ""
    read: bool = False  # a card was read just now
    citizen: Citizen | None = None
    known: list[KnownValue] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)  # labels of fields filled from `known`
    renaming: UnitRenaming | None = None
    consent: Consent | None = None  # given at an earlier visit and still in force
    withdrawn: bool = False  # the citizen withdrew their consent just now


def _id_number(data) -> str:
    return "".join((data.get("id_number") or "").replace(".", "").split())


def _counter(request, version_id: str) -> Counter:
    counters = selectors.receiving_agencies_of(request.user)
    if not counters:
        raise PermissionDenied
    if not version_id.isdigit():
        raise Http404
    version = selectors.receivable_version(request.user, pk=int(version_id))
    competents = selectors.competent_agencies(request.user, version)
    if not competents:
        raise Http404
    return Counter(version, counters, competents, list(version.form_fields.all()))


def _reused(data) -> set[str]:
    """The fields the form says were filled from data held (only fields that can be)."""
    names = (data.get("reused") or "").split(",")
    return {name for name in names if name in REUSABLE or name.startswith("ef-")}


def _forget_applicant(data, fields) -> None:
    """Another person's card was scanned: drop what belonged to the previous applicant, the
    contact details, the values reused from their data and the copies of their details."""
    for name in (*CONTACT, *_reused(data)):
        data[name] = ""
    for item in fields:
        if item.prefill_from:
            data[f"ef-{item.key}"] = ""
    data["reused"] = ""


def _read_card(request, data, counter: Counter) -> ApplicantBlock:
    """Parse the scanned text and put the card's details in the applicant block. A text that is
    not a card changes nothing but the scan field, which is emptied for the next try."""
    text = data.get("card", "")
    data["card"] = ""
    try:
        card = parse_card(text, today=timezone.localdate())
    except CardError as error:
        return ApplicantBlock(card_error=str(error))
    before = _id_number(data)
    if before and before != card.id_number:
        _forget_applicant(data, counter.fields)
    else:
        # The e-form copies of the applicant's details are taken again from the card.
        for item in counter.fields:
            source = item.prefill_from.removeprefix("applicant.")
            if item.prefill_from and data.get(f"ef-{item.key}") == data.get(source):
                data[f"ef-{item.key}"] = ""
    citizen, _differences = citizen_from_card(
        card=card, actor=request.user, agency_code=counter.agency_of(data).code
    )
    data.update(
        {
            "kind": ApplicantKind.INDIVIDUAL,
            "id_number": card.id_number,
            "full_name": card.full_name,
            "birth_date": card.birth_date.strftime(DATE_FORMAT),
            "gender": card.gender,
            "address": card.address,
            "reuse_consent": "",
        }
    )
    # A consent given at an earlier visit holds until withdrawn: fill at once, and say so.
    consent = consent_in_force(
        citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=counter.agency_of(data).code
    )
    if consent is None:
        return ApplicantBlock(read=True, citizen=citizen)
    data["reuse_consent"] = "on"
    block = _reuse(request, data, counter)
    block.read, block.consent = True, consent
    return block


def _withdraw(request, data, counter: Counter, citizen: Citizen) -> ApplicantBlock:
    """The officer unticked a consent in force: the citizen withdraws it. It is closed
    (recorded with the time and officer) and the values it filled are emptied."""
    consent_withdraw(
        citizen=citizen,
        purpose=ConsentPurpose.REUSE,
        actor=request.user,
        agency_code=counter.agency_of(data).code,
    )
    for name in _reused(data):
        data[name] = ""
    data["reused"] = ""
    return ApplicantBlock(citizen=citizen, withdrawn=True)


def _reuse(request, data, counter: Counter) -> ApplicantBlock:
    """With the citizen's consent (recorded with its purpose, time and officer), fill the empty
    fields from the data held about the person the form's ID number names."""
    citizen = citizen_by_id_number(id_number=_id_number(data))
    if citizen is None:
        return ApplicantBlock()
    if not data.get("reuse_consent"):
        agency_code = counter.agency_of(data).code
        if consent_in_force(citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=agency_code):
            return _withdraw(request, data, counter, citizen)
        return ApplicantBlock(citizen=citizen)
    consent_grant(
        citizen=citizen,
        purpose=ConsentPurpose.REUSE,
        actor=request.user,
        agency_code=counter.agency_of(data).code,
    )
    known = known_values(citizen=citizen, user=request.user, eform_fields=counter.fields)
    reused = _reused(data)
    filled, offered = [], []
    for value in known:
        current = (data.get(value.name) or "").strip()
        if not current:
            data[value.name] = value.value
            reused.add(value.name)
            filled.append(value.label)
        if current != value.value:
            offered.append(value)
    data["reused"] = ",".join(sorted(reused))
    return ApplicantBlock(citizen=citizen, known=offered, filled=filled)


def _complete(block: ApplicantBlock | None, request, data, counter: Counter) -> ApplicantBlock:
    """The block for a page showing `data`: the citizen its ID number names, what is held about
    them and a renamed commune in the address."""
    block = block or ApplicantBlock()
    if data is None:
        return block
    if block.citizen is None and not block.card_error:
        id_number = _id_number(data)
        block.citizen = citizen_by_id_number(id_number=id_number) if id_number else None
    if block.citizen is not None and not block.known:
        held = known_values(citizen=block.citizen, user=request.user, eform_fields=counter.fields)
        # What the form already says is nothing to offer (a new citizen's registry entry holds
        # only the card just read), and a registry address other than the card's is shown as a
        # disagreement to settle, not as data to reuse.
        block.known = [
            value
            for value in held
            if (data.get(value.name) or "").strip() != value.value
            and not (value.name == "address" and (data.get("address") or "").strip())
        ]
    if data.get("address"):
        block.renaming = unit_renaming_in(data["address"])
    return block


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


def _pick(request):
    form = ProcedurePickForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    versions = selectors.receivable_versions(request.user, query=query.replace("\x00", ""))
    return render(
        request,
        "dossiers/workspace/pick.html",
        _context(request, "reception", form=form, versions=versions[:50], query=query),
    )


def _step(request, counter: Counter, decision: str):
    """Read the card or reuse the data held, on a copy of the posted form."""
    data = request.POST.copy()
    if decision == REUSE:
        block = _reuse(request, data, counter)
    else:
        block = _read_card(request, data, counter)
    block = _complete(block, request, data, counter)
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
    # Without JavaScript the scanner's Enter submits the form: text in the scan field means
    # "read the card", never "receive".
    if decision == ACCEPT and request.POST.get("card", "").strip():
        decision = SCAN
    missing = None
    if decision in (SCAN, REUSE):
        form, eform, block = _step(request, counter, decision)
    else:
        data = request.POST if posted else None
        block = _complete(None, request, data, counter)
        form, eform = _forms(request, counter, data, block)
        if decision == REFUSE:
            unchecked(form)
            unchecked(eform)
            missing = form.missing_documents()
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
                    return redirect("dossiers:dossier", pk=dossier.pk)
        if form.errors:
            focus_first_error(form)
        elif eform.errors:
            eform.focus_first_error()
        elif not posted:
            form.fields["card"].widget.attrs["autofocus"] = True
    return render(
        request,
        "dossiers/workspace/reception.html",
        _context(
            request,
            "reception",
            form=form,
            eform=eform,
            block=block,
            version=counter.version,
            missing=missing,
            term=next(
                (c for c in counter.version.channels.all() if c.channel == Channel.DIRECT), None
            ),
            fees=[f for f in counter.version.fees.all() if f.channel in ("", Channel.DIRECT)],
        ),
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
        "dossiers/workspace/_applicant.html",
        {"form": form, "eform": eform, "block": block, "version": counter.version},
    )

"""The applicant block of the reception form: reading the ID card, reusing the data the office
holds with the citizen's consent, and the consent's withdrawal.

Each step works on a mutable copy of the posted form (`data`) and returns what the block shows
besides the form. The rule of consent (Decree 13/2023): the data held is filled in only once
the citizen agrees; the agreement is recorded and holds at later visits until the citizen
withdraws it, which the officer records by unticking the box the page showed ticked.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from catalog.eform import DATE_FORMAT
from catalog.models import ProcedureVersion
from citizens.cccd import CardError, parse_card
from citizens.models import Citizen, Consent, ConsentPurpose
from citizens.selectors import citizen_by_id_number, consent_in_force
from citizens.services import citizen_from_card, consent_grant, consent_withdraw
from dossiers.models import ApplicantKind
from dossiers.reuse import KnownValue, known_values
from org.models import Agency
from org.selectors import UnitRenaming, unit_renaming_in

CONTACT = ("phone", "email")
REUSABLE = (*CONTACT, "address")
# Posted when the page showed the consent box ticked for a consent in force: unticking it then
# means the citizen withdraws, and nothing else does.
CONSENT_SHOWN = "consent_in_force"


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
    consent: Consent | None = None  # in force, and the box shows it ticked
    carried_over: bool = False  # that consent was given at an earlier visit
    withdrawn: bool = False  # the citizen withdrew their consent just now


def id_number_of(data) -> str:
    return "".join((data.get("id_number") or "").replace(".", "").split())


def withdraws_consent(data) -> bool:
    """The officer unticked the box the page showed ticked for a consent in force."""
    return bool(data.get(CONSENT_SHOWN)) and not data.get("reuse_consent")


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
    data[CONSENT_SHOWN] = ""


def _reuse_consent(citizen: Citizen, counter: Counter, data) -> Consent | None:
    return consent_in_force(
        citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=counter.agency_of(data).code
    )


def read_card(request, data, counter: Counter) -> ApplicantBlock:
    """Parse the scanned text and put the card's details in the applicant block. A text that is
    not a card changes nothing but the scan field, which is emptied for the next try. A consent
    to reuse given at an earlier visit fills the held data at once."""
    text = data.get("card", "")
    data["card"] = ""
    try:
        card = parse_card(text, today=timezone.localdate())
    except CardError as error:
        return ApplicantBlock(card_error=str(error))
    before = id_number_of(data)
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
            CONSENT_SHOWN: "",
        }
    )
    consent = _reuse_consent(citizen, counter, data)
    if consent is None:
        return ApplicantBlock(read=True, citizen=citizen)
    data["reuse_consent"] = "on"
    block = reuse(request, data, counter, consent=consent)
    block.read, block.carried_over = True, True
    return block


def reuse(request, data, counter: Counter, *, consent: Consent | None = None) -> ApplicantBlock:
    """With the citizen's consent (recorded with its purpose, time and officer, unless `consent`
    is the one in force already found), fill the empty fields from the data held about the person
    the form's ID number names. Unticking a consent the page showed in force records its
    withdrawal instead."""
    citizen = citizen_by_id_number(id_number=id_number_of(data))
    if citizen is None:
        return ApplicantBlock()
    if withdraws_consent(data) and _reuse_consent(citizen, counter, data):
        return _withdraw(request, data, counter, citizen)
    if not data.get("reuse_consent"):
        return ApplicantBlock(citizen=citizen)
    consent = consent or consent_grant(
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
    return ApplicantBlock(citizen=citizen, known=offered, filled=filled, consent=consent)


def _withdraw(request, data, counter: Counter, citizen: Citizen) -> ApplicantBlock:
    """The citizen withdraws their consent to reuse (for every office: a citizen withdraws a
    purpose). It is closed, with the time and officer, and the values it filled are emptied;
    a value the officer has since changed is theirs and stays."""
    held = {
        value.name: value.value
        for value in known_values(citizen=citizen, user=request.user, eform_fields=counter.fields)
    }
    consent_withdraw(
        citizen=citizen,
        purpose=ConsentPurpose.REUSE,
        actor=request.user,
        agency_code=counter.agency_of(data).code,
    )
    for name in _reused(data):
        if (data.get(name) or "").strip() == held.get(name):
            data[name] = ""
    data.update({"reused": "", "reuse_consent": "", CONSENT_SHOWN: ""})
    return ApplicantBlock(citizen=citizen, withdrawn=True)


def complete(block: ApplicantBlock | None, request, data, counter: Counter) -> ApplicantBlock:
    """The block for a page showing `data`: the citizen its ID number names, what is held about
    them, the consent in force when the box shows it, and a renamed commune in the address."""
    block = block or ApplicantBlock()
    if data is None:
        return block
    if block.citizen is None and not block.card_error:
        id_number = id_number_of(data)
        block.citizen = citizen_by_id_number(id_number=id_number) if id_number else None
    if block.citizen is not None and block.consent is None and data.get("reuse_consent"):
        block.consent = _reuse_consent(block.citizen, counter, data)
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

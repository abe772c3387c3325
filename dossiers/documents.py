"""The official forms of Circular 03/2025 (Mẫu 01–06) as template contexts built from a dossier,
printed through core.documents. Reads only; the register (Mẫu 07) is in dossiers.register."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

import segno
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.documents import SEAL_NOTE, Signer
from core.phones import format_phone
from core.wording import date_words, long_date, long_time, place_name, short_date
from core.workdays import classify, to_vietnam_time
from dossiers.models import Dossier, ReturnMethod, StatusChange
from dossiers.register import register_line
from dossiers.selectors import dossiers_for_staff
from dossiers.services import SUPPLEMENT_WINDOW
from dossiers.wording import STEP_WORDS, SYMBOLS, TIMELINESS_WORDS, TITLES, term_words
from dossiers.workflow import Action
from org.models import Agency

# Printed receipts carry this address in their QR code for years, with the dossier's code and
# check value (?ma=…&kt=…): it is a public contract, so it is spelled out rather than reversed
# from a route name that may be renamed.
LOOKUP_PATH = "/tra-cuu/"

# Who gives and who takes the dossier at each step (Mẫu 06): the applicant, the counter, the
# agency handling it, or the point that returns the result.
FROM_APPLICANT = {
    "receive",
    Action.ACCEPT,
    Action.SUPPLEMENT_RECEIVED,
    Action.PAYMENT_RECEIVED,
}
TO_APPLICANT = {
    Action.REFUSE,
    Action.REQUEST_SUPPLEMENT,
    Action.REQUEST_PAYMENT,
    Action.APOLOGISE,
    Action.STOP,
    Action.CLOSE_UNSUPPLEMENTED,
    Action.WITHDRAW,
    Action.RETURN_RESULT,
}


class FormUnavailable(Exception):
    """The dossier never reached the state this form records; the message says so."""


def dossier_for_forms(user, *, pk: int) -> Dossier:
    """The dossier if `user` works where it was received, is handled or is returned; else 404."""
    rows = dossiers_for_staff(user).select_related(
        "procedure_version__procedure",
        "receiving_agency__parent",
        "receiving_agency__unit",
        "competent_agency",
        "handling_agency__parent",
        "return_agency",
    )
    history = StatusChange.objects.select_related(
        "actor", "handed_to", "actor_agency__parent", "actor_agency__unit", "handed_to_agency"
    )
    rows = rows.prefetch_related(
        "applicants",
        "documents",
        "fees",
        "procedure_version__channels",
        Prefetch("history", queryset=history),
    )
    return get_object_or_404(rows, pk=pk)


def _lines(text: str) -> list[str]:
    """A reason typed as several lines or bullets, one item per line."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def _person(user) -> str:
    return str(user) if user else ""


def _short(agency: Agency | None) -> str:
    return (agency.short_name or agency.name) if agency else ""


# --- The forms ---------------------------------------------------------------------------------


def _applicant(dossier: Dossier):
    applicants = list(dossier.applicants.all())
    return next((a for a in applicants if a.is_primary), applicants[0] if applicants else None)


def _salutation(applicant) -> str:
    if applicant is None:
        return "Ông/Bà"
    if applicant.kind == "organisation":
        return "Tổ chức"
    return {"nam": "Ông", "nữ": "Bà"}.get(applicant.gender.strip().lower(), "Ông/Bà")


def _addressee(applicant) -> str:
    """Who a letter is addressed to: "Bà Đặng Thị Ngọc Ánh", an organisation by its name."""
    if applicant is None:
        return ""
    if applicant.kind == "organisation":
        return str(applicant)
    return f"{_salutation(applicant)} {applicant}"


def _last(dossier: Dossier, *actions: str) -> StatusChange | None:
    rows = [row for row in dossier.history.all() if row.action in actions]
    return rows[-1] if rows else None


def _common(dossier: Dossier, number: str, *, issuer: Agency, on: datetime | None) -> dict:
    applicant = _applicant(dossier)
    return {
        "number": number,
        "title": TITLES[number],
        "document_title": f"Mẫu {number} – {TITLES[number]} – {dossier.code}",
        "dossier": dossier,
        "applicant": applicant,
        "applicant_name": str(applicant) if applicant else "",
        "salutation": _salutation(applicant),
        "addressee": _addressee(applicant),
        "parent_name": issuer.parent.name if issuer.parent_id else "",
        "agency_name": issuer.name,
        "issuer": issuer,
        "reference": f"Số: {dossier.code}/{SYMBOLS[number]}",
        "place_date": f"{place_name(issuer)}, {long_date(on or timezone.now())}",
        "received": long_time(dossier.received_at),
        "due": long_time(dossier.due_at),
        "procedure": dossier.procedure_version.name,
        "signers": [],
    }


def _receipt(dossier: Dossier, *, lookup_url: str) -> dict:
    if dossier.received_at is None:
        raise FormUnavailable(_("This dossier has not been received, so it has no receipt."))
    book, line = register_line(dossier)
    officer = next((r.actor for r in dossier.history.all() if r.at == dossier.received_at), None)
    context = _common(dossier, "01", issuer=dossier.receiving_agency, on=dossier.received_at)
    fees = [fee for fee in dossier.fees.all() if fee.amount]
    # The form is in Vietnamese whatever the officer's language: so are the quantities.
    with translation.override("vi"):
        for fee in fees:
            fee.receipt_quantities = fee.quantity_words
    qr = segno.make(lookup_url, error="m")
    return context | {
        "documents": [doc for doc in dossier.documents.all() if doc.received],
        "term": term_words(dossier),
        "return_place": _return_place(dossier, context["applicant"]),
        "fees": fees,
        "fee_total": sum(fee.amount for fee in fees),
        "register_book": book,
        "register_line": line,
        "lookup_url": lookup_url,
        # Vector, no inline style: prints sharp and passes the CSP.
        "qr_svg": qr.svg_inline(
            scale=4, border=2, omitsize=True, title=f"Tra cứu hồ sơ {dossier.code}"
        ),
        "signers": [
            Signer("NGƯỜI NỘP HỒ SƠ", name=context["applicant_name"]),
            Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", name=_person(officer)),
        ],
    }


def _return_place(dossier: Dossier, applicant) -> str:
    if dossier.return_method == ReturnMethod.POST:
        address = applicant.address if applicant else ""
        return f"Qua dịch vụ bưu chính công ích, đến địa chỉ: {address}".rstrip(": ")
    if dossier.return_method == ReturnMethod.ONLINE:
        return "Trực tuyến, trên Cổng Dịch vụ công"
    agency = dossier.return_agency
    # Where and when to come back: the address, the phone and the hours the agency publishes.
    parts = [agency.name, agency.address]
    if agency.phone:
        parts.append(f"điện thoại {format_phone(agency.phone)}")
    hours = f"{agency.opens_at:%H:%M}–{agency.closes_at:%H:%M}"
    return ", ".join(part for part in parts if part) + f" (giờ làm việc: {hours})"


def _supplement(dossier: Dossier) -> dict:
    change = _last(dossier, Action.REQUEST_SUPPLEMENT)
    if change is None:
        raise FormUnavailable(_("No supplement was requested for this dossier."))
    context = _common(dossier, "02", issuer=dossier.receiving_agency, on=change.at)
    return context | {
        "change": change,
        "items": _lines(change.reason),
        "missing": [doc for doc in dossier.documents.all() if not doc.received],
        "requested_on": short_date(change.at),
        "deadline": short_date(change.at + SUPPLEMENT_WINDOW),
        "officer": _person(change.actor),
        "signers": [Signer("NGƯỜI HƯỚNG DẪN", name=_person(change.actor))],
    }


def _refusal(dossier: Dossier) -> dict:
    change = _last(dossier, Action.REFUSE)
    if change is None:
        raise FormUnavailable(_("This dossier was not refused at reception."))
    context = _common(dossier, "03", issuer=dossier.receiving_agency, on=change.at)
    return context | {
        "change": change,
        "submitted": long_time(dossier.submitted_at or change.at),
        "reasons": _lines(change.reason),
        "signers": [Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", name=_person(change.actor))],
    }


def _apology(dossier: Dossier) -> dict:
    change = _last(dossier, Action.APOLOGISE)
    if change is None or dossier.extended_due_at is None:
        raise FormUnavailable(_("No apology letter was issued for this dossier."))
    issuer = change.actor_agency or dossier.handling_agency
    context = _common(dossier, "04", issuer=issuer, on=change.at)
    return context | {
        "change": change,
        "received_on": date_words(dossier.received_at) if dossier.received_at else "",
        "reasons": _lines(change.reason),
        "new_due": long_time(dossier.extended_due_at),
        "signers": [Signer("THỦ TRƯỞNG CƠ QUAN", note=SEAL_NOTE)],
        "recipients": ["Như trên;", "Lưu: VT."],
    }


def _stop(dossier: Dossier) -> dict:
    change = _last(dossier, Action.STOP, Action.CLOSE_UNSUPPLEMENTED)
    if change is None:
        raise FormUnavailable(_("Processing of this dossier was not stopped."))
    issuer = change.actor_agency or dossier.handling_agency
    context = _common(dossier, "05", issuer=issuer, on=change.at)
    supplement = _last(dossier, Action.REQUEST_SUPPLEMENT)
    unsupplemented = change.action == Action.CLOSE_UNSUPPLEMENTED
    return context | {
        "change": change,
        "received_on": date_words(dossier.received_at) if dossier.received_at else "",
        "unsupplemented": unsupplemented,
        "supplement_on": date_words(supplement.at) if unsupplemented and supplement else "",
        "stopped_on": date_words(change.at),
        "reasons": _lines(change.reason),
        "signers": [Signer("THỦ TRƯỞNG CƠ QUAN", note=SEAL_NOTE)],
        "recipients": ["Như trên;", "Lưu: VT."],
    }


@dataclass(frozen=True)
class ControlRow:
    """One hand-over on the process control sheet (Mẫu 06)."""

    giver_agency: str
    taker_agency: str
    at: str
    result: str
    note: str
    giver: str
    taker: str


def control_rows(dossier: Dossier, *, now: datetime) -> list[ControlRow]:
    """One row per status change, with who handed the dossier to whom, and whether the step
    ended before, on or after the due date in force then (`StatusChange.due_at`)."""
    applicant = _applicant(dossier)
    applicant_name = str(applicant) if applicant else ""
    # Where the dossier physically is and who handles it, replayed along the history: the
    # rows store the acting agency after the change, which for a transfer is the new one.
    holder, handling = dossier.receiving_agency, dossier.competent_agency
    rows = []
    for change in dossier.history.all():
        action = change.action
        giver, taker = holder, handling
        if action in FROM_APPLICANT:
            taker = dossier.receiving_agency if action != Action.PAYMENT_RECEIVED else holder
            giver = None
        elif action in TO_APPLICANT:
            taker = None
        elif action == Action.TRANSFER:
            handling = change.handed_to_agency or handling
            taker = handling
        elif action == Action.APPROVE:
            taker = dossier.return_agency
        if taker is not None:
            holder = taker
        note = STEP_WORDS.get(action, action)
        details = "; ".join(part for part in (change.reason, change.note) if part)
        result = ""
        if change.due_at is not None:
            timeliness = classify(due=change.due_at, finished_at=change.at, now=now)
            result = TIMELINESS_WORDS.get(timeliness, "")
        rows.append(
            ControlRow(
                giver_agency=_short(giver) or f"Người nộp hồ sơ: {applicant_name}",
                taker_agency=_short(taker) or f"Người nộp hồ sơ: {applicant_name}",
                at=f"{to_vietnam_time(change.at):%H} giờ {to_vietnam_time(change.at):%M}, "
                f"ngày {short_date(change.at)}",
                result=result,
                note=f"{note}: {details}" if details else note,
                giver=_person(change.actor) if giver else applicant_name,
                taker=(
                    _person(change.handed_to)
                    or (applicant_name if taker is None else "")
                    or (_person(change.actor) if giver is None else "")
                ),
            )
        )
    return rows


def _control(dossier: Dossier) -> dict:
    context = _common(
        dossier, "06", issuer=dossier.receiving_agency, on=dossier.received_at or timezone.now()
    )
    partners = {
        change.handed_to_agency.name
        for change in dossier.history.all()
        if change.action == Action.TRANSFER and change.handed_to_agency
    }
    return context | {
        "rows": control_rows(dossier, now=timezone.now()),
        "new_due": long_time(dossier.extended_due_at),
        "partners": sorted(partners),
    }


BUILDERS = {
    "02": _supplement,
    "03": _refusal,
    "04": _apology,
    "05": _stop,
    "06": _control,
}


def form_context(dossier: Dossier, number: str, *, site_url: str) -> dict:
    """The context of form `number` ("01"–"06"); FormUnavailable if the dossier never reached
    the state the form records. `site_url` ("https://host") makes the receipt's QR absolute."""
    if number == "01":
        query = urlencode({"ma": dossier.code, "kt": dossier.lookup_check})
        lookup_url = f"{site_url}{LOOKUP_PATH}?{query}"
        context = _receipt(dossier, lookup_url=lookup_url)
    else:
        context = BUILDERS[number](dossier)
    return context | {"form_template": f"dossiers/forms/form_{number}.html"}


# --- PDF ---------------------------------------------------------------------------------------

# WeasyPrint mixes up glyphs when one family is split by unicode-range over several files (as
# motcua.css does for browsers), so the PDF names each subset as its own family and stacks them.

"""Importing a bank statement: the lines whose description carries a due obligation's reference
with its exact amount pay it (a VietQR transfer, with the bank's transaction number), all in one
transaction — every match is recorded or none is. The other lines are left for a person."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from core.actors import as_actor
from core.audit import audit_record
from core.files import check_upload
from org.models import Agency
from payments.models import Obligation
from payments.services_payments import counter_payment_record
from payments.services_shared import PaymentError, audit_actor
from payments.statements import (
    Match,
    StatementError,
    lines_from_rows,
    match_lines,
    rows_from_csv,
    rows_from_xlsx,
)
from payments.states import Method

MAX_BYTES = 5 * 2**20


@dataclass(frozen=True)
class ImportResult:
    matches: list[Match]

    @property
    def paid(self) -> list[Match]:
        return [m for m in self.matches if not m.problem]

    @property
    def left(self) -> list[Match]:
        return [m for m in self.matches if m.problem]


def statement_rows(upload) -> list[list]:
    """The rows of an uploaded statement. Excel goes through core.files.check_upload; a CSV has
    no signature to detect, so it is checked here as text: its name, its size, no NUL byte."""
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        if upload.size is not None and upload.size > MAX_BYTES:
            raise StatementError(_("The file is too large: 5 MB at most."))
        return rows_from_csv(upload.read(MAX_BYTES + 1))
    try:
        check_upload(upload, kinds=("xlsx",), max_bytes=MAX_BYTES)
    except ValidationError as error:
        raise StatementError(
            _("Send the statement as CSV or Excel (XLSX). %(error)s") % {"error": error.messages[0]}
        ) from None
    return rows_from_xlsx(upload)


def _transaction_no(match: Match) -> str:
    """The bank's number for the line; without one, a fingerprint of the line, so importing the
    same statement twice never records a transfer twice."""
    line = match.line
    if line.bank_reference.strip():
        return line.bank_reference.strip()[:64]
    text = f"{line.date}|{line.amount}|{line.description}"
    return "line-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _payer(obligation) -> str:
    applicant = obligation.dossier.applicants.filter(is_primary=True).first()
    return str(applicant) if applicant else obligation.dossier.code


def statement_import(*, agency: Agency, rows: list[list], actor) -> ImportResult:
    actor = as_actor(actor)
    lines = lines_from_rows(rows)
    references = {line.obligation_reference for line in lines} - {""}
    obligations = {
        o.reference: o
        for o in Obligation.objects.filter(agency=agency, reference__in=references).select_related(
            "dossier"
        )
    }
    matches = match_lines(lines, obligations)
    result = ImportResult(matches)
    try:
        with transaction.atomic():
            for match in result.paid:
                obligation = obligations[match.line.obligation_reference]
                counter_payment_record(
                    obligation_id=obligation.pk,
                    method=Method.VIETQR,
                    amount=match.line.amount,
                    payer_name=_payer(obligation),
                    actor=actor,
                    gateway="bank",
                    transaction_no=_transaction_no(match),
                    raw={
                        "line": match.line.number,
                        "date": match.line.date,
                        "amount": match.line.amount,
                        "description": match.line.description,
                        "bank_reference": match.line.bank_reference,
                    },
                )
            audit_record(
                action="bank_statement_import",
                agency_code=agency.code,
                obj=agency,
                **audit_actor(actor, {"lines": len(lines), "paid": len(result.paid)}),
            )
    except (PaymentError, DatabaseError) as error:
        raise StatementError(
            _("Nothing was recorded: a line could not be applied (%(error)s).") % {"error": error}
        ) from None
    return result

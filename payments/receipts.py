"""Electronic fee receipts (biên lai thu tiền phí, lệ phí): numbered from the agency's series of
the year inside the payment's transaction, cancelled with a reason, replaced by a new number.

Numbering: the series row is incremented with one UPDATE, which on PostgreSQL holds its row
lock until the payment commits and on SQLite happens inside the one write transaction SQLite
allows at a time. A payment that rolls back rolls its number back with it, so the numbers of a
year never skip or repeat; the unique constraint on (agency, year, number) is the last guard.
"""

import secrets
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.actors import Actor, as_actor
from core.audit import audit_record
from core.plugins import registry
from core.workdays import to_vietnam_time
from payments.ereceipts import EReceiptProvider
from payments.models import PaymentAttempt, Receipt, ReceiptSeries, ReceiptState
from payments.services_shared import PaymentError, audit_actor, locked

# "Biên lai thu tiền phí, lệ phí", form 01BLP (Decree 123/2020 as amended by Decree 70/2025;
# docs/payments.md says what is still to confirm against the 2026 rules).
FORM_CODE = "01BLP"


def series_symbol(year: int) -> str:
    """The default series symbol of a year, "BL26E" (E: electronic); an administrator may set
    another on the series row before its first receipt."""
    return f"BL{year % 100:02d}E"


def _next_number(agency_id: int, year: int) -> tuple[str, int]:
    if not ReceiptSeries.objects.filter(agency_id=agency_id, year=year).exists():
        try:
            with transaction.atomic():
                ReceiptSeries.objects.create(
                    agency_id=agency_id, year=year, symbol=series_symbol(year)
                )
        except IntegrityError:
            pass  # created by a concurrent payment
    series = ReceiptSeries.objects.filter(agency_id=agency_id, year=year)
    series.update(last_number=F("last_number") + 1)
    symbol, number = series.values_list("symbol", "last_number").get()
    return symbol, number


def receipt_issue(
    *, attempt: PaymentAttempt, actor: Actor, payer_name: str = "", replaces: Receipt | None = None
) -> Receipt:
    """The receipt of a successful payment, numbered now. Called inside the payment's (or the
    replacement's) transaction; the e-receipt provider is told after commit."""
    obligation = attempt.obligation
    now = timezone.now()
    year = to_vietnam_time(now).year
    symbol, number = _next_number(obligation.agency_id, year)
    receipt = Receipt.objects.create(
        agency_id=obligation.agency_id,
        attempt=attempt,
        form_code=FORM_CODE,
        symbol=symbol,
        year=year,
        number=number,
        payer_name=(payer_name or attempt.payer_name or _payer_of(obligation.dossier))[:150],
        amount=attempt.amount,
        method=attempt.method,
        issued_at=now,
        issued_by=actor.user if actor.is_staff else None,
        replaces=replaces,
        token=secrets.token_urlsafe(18),
    )
    audit_record(
        action="receipt_issue",
        agency_code=obligation.agency.code,
        obj=receipt,
        **audit_actor(
            actor,
            {
                "symbol": symbol,
                "number": number,
                "amount": receipt.amount,
                "replaces": replaces.pk if replaces else None,
            },
        ),
    )
    transaction.on_commit(partial(receipt_publish, receipt_id=receipt.pk), robust=True)
    return receipt


def _payer_of(dossier) -> str:
    applicant = dossier.applicants.filter(is_primary=True).first()
    return str(applicant) if applicant else ""


def receipt_cancel(
    *, receipt_id: int, reason: str, actor, replace: bool = False, payer_name: str = ""
) -> Receipt | None:
    """Cancel a receipt with its reason (a wrong payer name, a wrong method). With `replace`,
    issue the replacement for the same payment with the next number; returns it."""
    actor = as_actor(actor)
    reason = " ".join((reason or "").split())[:500]
    if not reason:
        raise PaymentError(_("Give the reason for cancelling the receipt."))
    with transaction.atomic():
        receipt = locked(Receipt.objects.select_related("agency")).get(pk=receipt_id)
        if receipt.state != ReceiptState.ISSUED:
            raise PaymentError(_("This receipt is already cancelled."))
        updated = Receipt.objects.filter(pk=receipt.pk, state=ReceiptState.ISSUED).update(
            state=ReceiptState.CANCELLED, cancel_reason=reason, cancelled_at=timezone.now()
        )
        if updated != 1:
            raise PaymentError(_("This receipt is already cancelled."))
        audit_record(
            action="receipt_cancel",
            agency_code=receipt.agency.code,
            obj=receipt,
            old={"state": ReceiptState.ISSUED},
            **audit_actor(actor, {"state": ReceiptState.CANCELLED, "reason": reason}),
        )
        if not replace:
            return None
        attempt = PaymentAttempt.objects.select_related(
            "obligation__agency", "obligation__dossier"
        ).get(pk=receipt.attempt_id)
        return receipt_issue(
            attempt=attempt,
            actor=actor,
            payer_name=payer_name or receipt.payer_name,
            replaces=receipt,
        )


def receipt_cancel_for_refund(*, obligation, reason: str, actor) -> None:
    for receipt in Receipt.objects.filter(
        attempt__obligation=obligation, state=ReceiptState.ISSUED
    ):
        receipt_cancel(receipt_id=receipt.pk, reason=reason, actor=actor)


def receipt_publish(*, receipt_id: int) -> None:
    """Register the receipt with the agency's e-receipt provider (ereceipt plugin) and keep its
    reference. Outside the payment's transaction: a provider that is down delays the
    registration, never the payment; `manage.py publish_receipts` retries what is left."""
    receipt = Receipt.objects.select_related("agency").get(pk=receipt_id)
    if receipt.provider_reference:
        return
    provider: EReceiptProvider = registry.get("ereceipt", agency=receipt.agency.code)
    reference = provider.publish(receipt)
    Receipt.objects.filter(pk=receipt.pk, provider_reference="").update(
        provider=provider.key, provider_reference=reference[:100]
    )

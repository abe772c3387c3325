"""Paying an obligation: a try is started (pending) and answered once (succeeded, failed,
cancelled, expired). A success marks the obligation paid, issues its receipt, announces it and
moves the dossier on when nothing it waits for is still due. Refused answers (a wrong amount, a
late or conflicting answer) change nothing and are audited for staff to see."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FeeMoment
from core.actors import Actor, as_actor
from core.audit import audit_record
from core.events import event_record
from dossiers.models import Dossier
from dossiers.services import Move, WorkflowError, dossier_transition
from dossiers.workflow import Action, State
from payments.models import Obligation, PaymentAttempt
from payments.receipts import receipt_issue
from payments.services_obligations import obligations_ensure
from payments.services_shared import PaymentError, audit_actor, locked, new_reference
from payments.states import (
    ATTEMPT_FINAL,
    AttemptState,
    Method,
    ObligationState,
    attempt_may_move,
    attempt_may_start,
)

OBLIGATION_PAID = "payment.obligation_paid"
COUNTER_METHODS = (Method.CASH, Method.POS, Method.VIETQR)


@dataclass(frozen=True)
class Answer:
    """What a gateway (or the officer) says about an attempt."""

    outcome: str  # an AttemptState other than pending
    amount: int | None = None  # the amount the answer says was paid
    transaction_no: str = ""
    raw: dict | None = None


@dataclass(frozen=True)
class Settled:
    attempt: PaymentAttempt
    applied: bool  # False: the same answer had already been applied (a repeated callback)


def attempt_start(
    *,
    obligation_id: int,
    method: str,
    actor,
    gateway: str = "",
    payer_name: str = "",
    expires_at: datetime | None = None,
) -> PaymentAttempt:
    """A new pending try for a due obligation, for its full amount."""
    actor = as_actor(actor)
    with transaction.atomic():
        obligation = locked(Obligation.objects.select_related("agency")).get(pk=obligation_id)
        pending = obligation.attempts.filter(state=AttemptState.PENDING).count()
        if not attempt_may_start(obligation.state, pending):
            if obligation.state != ObligationState.DUE:
                raise PaymentError(
                    _("This amount is already “%(state)s”.")
                    % {"state": ObligationState(obligation.state).label}
                )
            raise PaymentError(
                _("A payment of this amount is waiting for its answer: wait for it to finish.")
            )
        try:
            with transaction.atomic():
                attempt = PaymentAttempt.objects.create(
                    obligation=obligation,
                    method=method,
                    gateway=gateway,
                    amount=obligation.amount,
                    reference=new_reference("TT", 12),
                    payer_name=payer_name[:150],
                    recorded_by=actor.user if actor.is_staff else None,
                    expires_at=expires_at,
                )
        except IntegrityError:
            # Another try started between the count and the insert (SQLite has no row lock).
            raise PaymentError(
                _("A payment of this amount is waiting for its answer: wait for it to finish.")
            ) from None
        audit_record(
            action="payment_start",
            agency_code=obligation.agency.code,
            obj=attempt,
            **audit_actor(actor, {"method": method, "gateway": gateway, "amount": attempt.amount}),
        )
    return attempt


def attempt_settle(*, reference: str, answer: Answer, actor) -> Settled:
    """Apply the answer to the attempt `reference`, once. The same answer again returns
    `applied=False`; a different answer to a settled attempt, or a success for another amount,
    raises PaymentError and is audited as refused."""
    actor = as_actor(actor)
    refusal = ""
    with transaction.atomic():
        rows = PaymentAttempt.objects.select_related("obligation__agency", "obligation__dossier")
        attempt = locked(rows).filter(reference=reference).first()
        if attempt is None:
            refusal = _("No payment has this reference.")
        elif attempt.state in ATTEMPT_FINAL:
            if attempt.state == answer.outcome and (
                not answer.transaction_no or answer.transaction_no == attempt.transaction_no
            ):
                return Settled(attempt, applied=False)
            refusal = _(
                "This payment was already answered (“%(state)s”): a later answer is not applied."
            ) % {"state": AttemptState(attempt.state).label}
        elif answer.outcome == AttemptState.SUCCEEDED and answer.amount != attempt.amount:
            refusal = _("The amount paid does not match the amount owed.")
        elif not attempt_may_move(attempt.state, answer.outcome):
            refusal = _("This answer cannot be applied to the payment.")
        if not refusal:
            try:
                with transaction.atomic():
                    _apply(attempt, answer, actor)
            except IntegrityError:
                refusal = _("This gateway transaction already paid another amount.")
            else:
                return Settled(attempt, applied=True)
    payment_refusal_audit(
        reference=reference, reason=refusal, answer=answer, actor=actor, attempt=attempt
    )
    raise PaymentError(refusal)


def payment_refusal_audit(*, reference, reason, answer: Answer, actor, attempt=None) -> None:
    """An audit row for an answer that was not applied, in its own transaction (the refused
    one rolled back): staff see it on the payments page and in the audit log."""
    agency_code = attempt.obligation.agency.code if attempt is not None else ""
    with transaction.atomic():
        audit_record(
            action="payment_answer_refused",
            agency_code=agency_code,
            obj=attempt,
            object_type="" if attempt else "payments.paymentattempt",
            object_id="" if attempt else reference[:64],
            **audit_actor(
                actor,
                {
                    "reason": str(reason),
                    "outcome": answer.outcome,
                    "amount": answer.amount,
                    "transaction_no": answer.transaction_no,
                    "raw": answer.raw or {},
                },
            ),
        )


def _apply(attempt: PaymentAttempt, answer: Answer, actor: Actor) -> None:
    now = timezone.now()
    updated = PaymentAttempt.objects.filter(pk=attempt.pk, state=AttemptState.PENDING).update(
        state=answer.outcome,
        transaction_no=answer.transaction_no[:64],
        raw_answer=answer.raw or {},
        settled_at=now,
    )
    if updated != 1:
        raise PaymentError(_("This payment was answered a moment ago."))
    attempt.refresh_from_db()
    obligation = attempt.obligation
    audit_record(
        action=f"payment_{answer.outcome}",
        agency_code=obligation.agency.code,
        obj=attempt,
        old={"state": AttemptState.PENDING},
        **audit_actor(
            actor,
            {
                "state": answer.outcome,
                "amount": answer.amount,
                "transaction_no": attempt.transaction_no,
            },
        ),
    )
    if answer.outcome != AttemptState.SUCCEEDED:
        return
    paid = Obligation.objects.filter(
        pk=obligation.pk, state=ObligationState.DUE, version=obligation.version
    ).update(state=ObligationState.PAID, settled_at=now, version=F("version") + 1)
    if paid != 1:
        raise PaymentError(_("Someone else changed this amount a moment ago. Reload the page."))
    obligation.refresh_from_db()
    receipt = receipt_issue(attempt=attempt, actor=actor)
    event_record(
        kind=OBLIGATION_PAID,
        subject=obligation,
        actor=actor,
        agency_code=obligation.agency.code,
        payload={
            "dossier_id": obligation.dossier_id,
            "code": obligation.dossier.code,
            "amount": obligation.amount,
            "method": attempt.method,
            "receipt_id": receipt.pk,
        },
    )
    dossier_move_on_if_settled(dossier_id=obligation.dossier_id, actor=actor)


def dossier_move_on_if_settled(*, dossier_id: int, actor: Actor) -> bool:
    """A dossier waiting for its financial obligation goes back to processing (its paused
    clock resumes, the paused time added back) once nothing but the fees collected at the
    result is still due. Through the dossier services, as the payment: the edge names the
    "payment" external party. Returns whether it moved."""
    dossier = Dossier.objects.only("pk", "state", "version").get(pk=dossier_id)
    if dossier.state != State.AWAITING_PAYMENT:
        return False
    still_due = Obligation.objects.filter(dossier_id=dossier_id, state=ObligationState.DUE).exclude(
        collected_at=FeeMoment.AT_RESULT
    )
    if still_due.exists():
        return False
    key = actor.key if actor.kind == "external" else "payment.counter"
    try:
        with transaction.atomic():
            dossier_transition(
                dossier_id=dossier_id,
                move=Move(action=Action.PAYMENT_RECEIVED, expected_version=dossier.version),
                actor=Actor.external(key),
            )
    except WorkflowError:
        return False  # someone moved the dossier meanwhile: they decided
    return True


def counter_payment_record(
    *,
    obligation_id: int,
    method: str,
    amount: int,
    payer_name: str,
    actor,
    gateway: str = "",
    transaction_no: str = "",
    raw: dict | None = None,
) -> PaymentAttempt:
    """Cash, card or a confirmed VietQR transfer taken by the receiving officer (or matched from
    a bank statement, `gateway="bank"` with the bank's transaction number): one attempt,
    answered at once, and its receipt. The amount must be the amount owed."""
    actor = as_actor(actor)
    if method not in COUNTER_METHODS:
        raise PaymentError(_("Choose how the amount was paid."))
    payer_name = " ".join((payer_name or "").split())
    if not payer_name:
        raise PaymentError(_("Enter the payer's name: it is printed on the receipt."))
    with transaction.atomic():
        obligation = Obligation.objects.get(pk=obligation_id)
        if isinstance(amount, bool) or not isinstance(amount, int) or amount != obligation.amount:
            raise PaymentError(_("The amount paid does not match the amount owed."))
        attempt = attempt_start(
            obligation_id=obligation_id,
            method=method,
            actor=actor,
            payer_name=payer_name,
            gateway=gateway,
        )
        attempt_settle(
            reference=attempt.reference,
            answer=Answer(
                outcome=AttemptState.SUCCEEDED,
                amount=amount,
                transaction_no=transaction_no,
                raw=raw,
            ),
            actor=Actor.external(f"payment.{method}") if not actor.is_staff else actor,
        )
    attempt.refresh_from_db()
    return attempt


def obligations_for_payment(*, dossier: Dossier) -> list[Obligation]:
    """The dossier's obligations, created from its fees first if reception left none."""
    return obligations_ensure(dossier=dossier)

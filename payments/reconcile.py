"""Attempts left pending past their expiry: ask their gateway (VNPay's querydr), apply its
answer, or mark them expired when it has none. Run every few minutes
(`manage.py reconcile_payments`); each attempt in its own transaction."""

import logging

from django.utils import timezone

from core.actors import Actor
from core.plugins import registry
from payments.models import PaymentAttempt
from payments.services_payments import Answer, attempt_settle
from payments.services_shared import PaymentError
from payments.states import AttemptState

logger = logging.getLogger(__name__)
JOB = Actor.system("reconcile_payments")


def attempts_reconcile(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    counts = {"settled": 0, "expired": 0, "errors": 0}
    overdue = PaymentAttempt.objects.filter(
        state=AttemptState.PENDING, expires_at__lt=now
    ).select_related("obligation__agency")
    for attempt in overdue.iterator():
        if attempt.gateway not in registry.keys("payment"):
            continue  # a counter or bank attempt: answered at once, never left pending
        # The gateway the attempt went through, even if the agency has changed gateway since.
        gateway = registry.get(
            "payment", agency=attempt.obligation.agency.code, key=attempt.gateway
        )
        try:
            known = gateway.query(attempt)
        except OSError:
            logger.warning("Gateway %s did not answer for %s", attempt.gateway, attempt.reference)
            counts["errors"] += 1
            continue
        answer = (
            Answer(**known)
            if known
            else Answer(outcome=AttemptState.EXPIRED, raw={"expired_at": now.isoformat()})
        )
        actor = Actor.external(f"payment.{attempt.gateway}") if known else JOB
        try:
            attempt_settle(reference=attempt.reference, answer=answer, actor=actor)
        except PaymentError:
            counts["errors"] += 1
            continue
        counts["settled" if known else "expired"] += 1
    return counts

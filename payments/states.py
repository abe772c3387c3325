"""The two lifecycles of money, each one table: what a dossier owes (an obligation) and each
try to pay it (an attempt). Services move a row only along an edge found here; nothing else
assigns `state`. Pure: no database, tested with hypothesis state machines."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ObligationState(models.TextChoices):
    DUE = "due", pgettext_lazy("obligation", "due")
    PAID = "paid", pgettext_lazy("obligation", "paid")
    WAIVED = "waived", pgettext_lazy("obligation", "exempted")
    REFUNDED = "refunded", pgettext_lazy("obligation", "refunded")


class AttemptState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("payment attempt", "waiting for the answer")
    SUCCEEDED = "succeeded", pgettext_lazy("payment attempt", "succeeded")
    FAILED = "failed", pgettext_lazy("payment attempt", "failed")
    CANCELLED = "cancelled", pgettext_lazy("payment attempt", "cancelled")
    EXPIRED = "expired", pgettext_lazy("payment attempt", "expired")


class Method(models.TextChoices):
    CASH = "cash", pgettext_lazy("payment method", "cash")
    POS = "pos", pgettext_lazy("payment method", "card (POS)")
    VIETQR = "vietqr", pgettext_lazy("payment method", "bank transfer by VietQR")
    ONLINE = "online", pgettext_lazy("payment method", "online gateway")


# Obligation edges: (from, to) → the event that takes it. Paid only by a succeeded attempt;
# exempted only while due and with the legal reason (the service checks the reason); refunded
# only once paid. A refunded or exempted obligation stays so: a new charge is a new row.
OBLIGATION_EDGES = {
    (ObligationState.DUE, ObligationState.PAID): "pay",
    (ObligationState.DUE, ObligationState.WAIVED): "waive",
    (ObligationState.PAID, ObligationState.REFUNDED): "refund",
}

# Attempt edges: an attempt is answered once. A late answer to a settled attempt is refused
# (and audited) by the service, never applied.
ATTEMPT_EDGES = {
    (AttemptState.PENDING, AttemptState.SUCCEEDED): "succeed",
    (AttemptState.PENDING, AttemptState.FAILED): "fail",
    (AttemptState.PENDING, AttemptState.CANCELLED): "cancel",
    (AttemptState.PENDING, AttemptState.EXPIRED): "expire",
}

ATTEMPT_FINAL = frozenset(
    {AttemptState.SUCCEEDED, AttemptState.FAILED, AttemptState.CANCELLED, AttemptState.EXPIRED}
)
OBLIGATION_SETTLED = frozenset({ObligationState.PAID, ObligationState.WAIVED})


def obligation_may_move(source: str, target: str) -> bool:
    return (source, target) in OBLIGATION_EDGES


def attempt_may_move(source: str, target: str) -> bool:
    return (source, target) in ATTEMPT_EDGES


def attempt_may_start(obligation_state: str, open_attempts: int) -> bool:
    """A new try is allowed only for a due obligation with no other try still pending: two
    tries in flight could both succeed and charge the citizen twice."""
    return obligation_state == ObligationState.DUE and open_attempts == 0

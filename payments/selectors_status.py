"""Paid or unpaid, per dossier, for lists: the staff work queues and "Việc hôm nay" (a mark
next to the state, through core.panels) and the citizen's "Hồ sơ của tôi". One aggregate query
for a whole page of dossiers, whatever its length."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import FeeMoment
from core.holds import result_hold
from core.panels import Mark, dossier_mark
from core.wording import money
from payments.models import Obligation, PaymentAttempt
from payments.states import AttemptState, ObligationState


@dataclass(frozen=True)
class FeeStatus:
    due: int  # đồng still owed
    paid: int  # đồng paid (refunded amounts not counted)
    due_count: int

    @property
    def unpaid(self) -> bool:
        return self.due_count > 0


def fee_status_by_dossier(dossier_ids) -> dict[int, FeeStatus]:
    """{dossier pk: FeeStatus} for the dossiers that owe or owed something; a dossier without
    any obligation is absent (it has no fee)."""
    ids = list(dossier_ids)
    if not ids:
        return {}
    due = Q(state=ObligationState.DUE)
    rows = (
        Obligation.objects.filter(dossier_id__in=ids)
        .order_by()
        .values("dossier_id")
        .annotate(
            due=Sum("amount", filter=due, default=0),
            paid=Sum("amount", filter=Q(state=ObligationState.PAID), default=0),
            due_count=Count("id", filter=due),
        )
    )
    return {row["dossier_id"]: FeeStatus(row["due"], row["paid"], row["due_count"]) for row in rows}


@dossier_mark(order=10)
def fee_marks(dossiers) -> dict[int, Mark]:
    """ "Fee unpaid 50.000 đ" (warn) or "Fee paid" (ok) next to the dossier's state."""
    marks = {}
    for pk, status in fee_status_by_dossier(d.pk for d in dossiers).items():
        if status.unpaid:
            marks[pk] = Mark(_("Fee unpaid %(amount)s") % {"amount": money(status.due)}, "warn")
        elif status.paid:
            marks[pk] = Mark(_("Fee paid"), "ok")
    return marks


def pay_url(dossier) -> str:
    """The citizen's pay page for the dossier (`payments:pay`)."""
    return f"{reverse('payments:pay')}?ma={dossier.code}&kt={dossier.lookup_check}"


def pending_obligation_ids(dossier) -> set[int]:
    return set(
        PaymentAttempt.objects.filter(
            obligation__dossier=dossier, state=AttemptState.PENDING
        ).values_list("obligation_id", flat=True)
    )


@dataclass
class CitizenFees:
    """What the citizen's dossier page shows of its fees: each amount and its state, what is
    still due, and the pay page's address (`payments:pay`, the same code and check value as the
    public lookup)."""

    obligations: list
    pending: set
    due: int
    pay_url: str


def citizen_fees(dossier) -> CitizenFees | None:
    obligations = list(Obligation.objects.filter(dossier=dossier))
    if not obligations:
        return None
    return CitizenFees(
        obligations=obligations,
        pending=pending_obligation_ids(dossier),
        due=sum(o.amount for o in obligations if o.state == ObligationState.DUE),
        pay_url=pay_url(dossier),
    )


@result_hold
def fee_at_result_unpaid(dossier) -> str:
    """A fee collected when the result is returned holds the result until it is paid (or
    exempted); paying it releases the result, with nothing else to do."""
    due = Obligation.objects.filter(
        dossier_id=dossier.pk, state=ObligationState.DUE, collected_at=FeeMoment.AT_RESULT
    ).aggregate(total=Sum("amount"))["total"]
    if not due:
        return ""
    return _(
        "A fee of %(amount)s is collected when the result is returned and is not paid yet: "
        "take the payment first."
    ) % {"amount": money(due)}

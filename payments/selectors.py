"""Reads for the payments pages: the dossier panel, receipts as staff and the public see them.
Staff see only what their agencies collected or handle (the dossier's scope, R5)."""

from dataclasses import dataclass

import segno
from django.shortcuts import get_object_or_404

from catalog.models import FeeMoment
from dossiers.selectors import dossiers_for_staff
from dossiers.workflow import State, staff_roles_over
from org.models import Role
from payments import vietqr
from payments.models import CollectionAccount, Obligation, ObligationKind, Receipt, ReceiptState
from payments.states import AttemptState, Method, ObligationState

# Who takes money at the counter, and who may set, reduce or exempt an amount.
COLLECTING_ROLES = frozenset({Role.RECEIVING_OFFICER})
SETTING_ROLES = frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER})
# The post office's clerk at the counter takes the postage of the result they will carry.
POSTAGE_COLLECTING_ROLES = COLLECTING_ROLES | {Role.POSTAL_CLERK}


def collecting_roles(obligation: Obligation) -> frozenset:
    """Who may take the payment of `obligation` at the counter."""
    if obligation.kind == ObligationKind.POSTAGE:
        return POSTAGE_COLLECTING_ROLES
    return COLLECTING_ROLES


@dataclass
class Line:
    obligation: Obligation
    receipt: Receipt | None
    pending: bool
    qr_svg: str = ""
    can_collect: bool = False


def vietqr_svg(account: CollectionAccount, obligation: Obligation, *, scale: int = 3) -> str:
    """The VietQR of the obligation's exact amount to the agency's account, its reference in
    the description; vector and without inline style (prints sharp, passes the CSP)."""
    text = vietqr.payload(
        bank_bin=account.bank_bin,
        account=account.account_number,
        amount=obligation.amount,
        purpose=obligation.reference,
    )
    return segno.make(text, error="m").svg_inline(
        scale=scale, border=2, omitsize=True, title=f"VietQR {obligation.reference}"
    )


def payment_panel(user, dossier) -> dict | None:
    """What the panel shows, in a constant number of queries; None when the dossier owes
    nothing and has no fee to make an obligation from."""
    obligations = list(Obligation.objects.filter(dossier=dossier).prefetch_related("attempts"))
    fees_owing = [fee for fee in dossier.fees.all() if fee.amount]
    if not obligations and not fees_owing:
        return None
    receipts = {
        receipt.attempt.obligation_id: receipt
        for receipt in Receipt.objects.filter(
            attempt__obligation__dossier=dossier, state=ReceiptState.ISSUED
        ).select_related("attempt")
    }
    account = CollectionAccount.objects.filter(agency_id=dossier.receiving_agency_id).first()
    roles = staff_roles_over(user, dossier)
    lines = []
    for obligation in obligations:
        pending = any(a.state == AttemptState.PENDING for a in obligation.attempts.all())
        line = Line(obligation, receipts.get(obligation.pk), pending)
        line.can_collect = bool(roles & collecting_roles(obligation))
        if account and obligation.state == ObligationState.DUE:
            line.qr_svg = vietqr_svg(account, obligation)
        lines.append(line)
    due = [line.obligation for line in lines if line.obligation.state == ObligationState.DUE]
    # The result waits for the fees collected with it (core.holds, payments.selectors_status).
    held = dossier.state == State.RESULT_READY and any(
        o.collected_at == FeeMoment.AT_RESULT for o in due
    )
    return {
        "result_held": held,
        "dossier": dossier,
        "lines": lines,
        "missing_obligations": bool(fees_owing) and len(obligations) < len(fees_owing),
        "due_total": sum(o.amount for o in due),
        "paid_total": sum(
            line.obligation.amount
            for line in lines
            if line.obligation.state == ObligationState.PAID
        ),
        "account": account,
        "can_collect": bool(roles & COLLECTING_ROLES),
        "can_set": bool(roles & SETTING_ROLES),
        "counter_methods": [(m, Method(m).label) for m in (Method.CASH, Method.POS, Method.VIETQR)],
        "payer_name": _primary_name(dossier),
    }


def _primary_name(dossier) -> str:
    applicants = getattr(dossier, "_prefetched_objects_cache", {}).get("applicants")
    rows = applicants if applicants is not None else dossier.applicants.all()
    primary = next((a for a in rows if a.is_primary), None)
    return str(primary) if primary else ""


def dossier_for_payments(user, *, pk: int):
    """The dossier, when `user` may see it; else 404 (R5)."""
    return get_object_or_404(dossiers_for_staff(user).select_related("receiving_agency"), pk=pk)


def obligation_for_staff(user, *, pk: int) -> Obligation:
    dossiers = dossiers_for_staff(user)
    return get_object_or_404(
        Obligation.objects.select_related("dossier", "agency").filter(dossier__in=dossiers),
        pk=pk,
    )


def receipt_for_staff(user, *, pk: int) -> Receipt:
    dossiers = dossiers_for_staff(user)
    return get_object_or_404(_receipts().filter(attempt__obligation__dossier__in=dossiers), pk=pk)


def receipt_by_token(token: str) -> Receipt:
    return get_object_or_404(_receipts(), token=token)


def _receipts():
    return Receipt.objects.select_related(
        "agency__parent",
        "agency__unit",
        "attempt__obligation__dossier__procedure_version",
        "issued_by",
        "replaces",
    )

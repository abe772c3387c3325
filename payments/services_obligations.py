"""What a dossier owes: obligations created from its fees, amounts the officer sets, reductions
and exemptions with their legal reason, refunds. Each write is atomic and audited."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FeeMoment
from core.actors import Actor, as_actor
from core.audit import audit_record
from dossiers.models import Dossier
from payments.models import Obligation, ObligationKind
from payments.services_shared import PaymentError, audit_actor, locked, new_reference
from payments.states import AttemptState, ObligationState, obligation_may_move

# Far above any real charge, far below the 64-bit columns (as catalog.fees.MAX_RATE).
MAX_AMOUNT = 1_000_000_000_000


# Printed on the fee receipt, in Vietnamese whatever the officer's language (as fee names).
POSTAGE_NAME = "Cước bưu chính trả kết quả"


def _clean_reason(reason: str) -> str:
    return " ".join((reason or "").split())[:500]


def obligations_ensure(*, dossier: Dossier) -> list[Obligation]:
    """The dossier's obligations, creating one for each charged fee that has none yet (a fee of
    0 đ owes nothing). Idempotent: the one-to-one link to the fee row makes a second run, or
    two at once, create nothing more."""
    existing = {o.dossier_fee_id for o in Obligation.objects.filter(dossier=dossier)}
    for fee in dossier.fees.all():
        if fee.pk in existing or not fee.amount:
            continue
        try:
            with transaction.atomic():
                Obligation.objects.create(
                    dossier=dossier,
                    agency_id=dossier.receiving_agency_id,
                    dossier_fee=fee,
                    kind=ObligationKind.FEE,
                    name=fee.name,
                    collected_at=fee.collected_at,
                    base_amount=fee.amount,
                    amount=fee.amount,
                    reference=new_reference("MC"),
                )
        except IntegrityError:
            continue  # created meanwhile by another run
    return list(Obligation.objects.filter(dossier=dossier))


def obligation_add(
    *, dossier: Dossier, name: str, amount: int, reason: str, actor, moment: str = ""
) -> Obligation:
    """An amount the officer sets where the law makes it variable (a land financial
    obligation, a tax the notice fixes), with its legal basis."""
    actor = as_actor(actor)
    name = " ".join((name or "").split())[:255]
    reason = _clean_reason(reason)
    if not name:
        raise PaymentError(_("Say what the amount is for."))
    if not reason:
        raise PaymentError(_("Give the legal basis of the amount."))
    _check_amount(amount, allow_zero=False)
    with transaction.atomic():
        obligation = Obligation.objects.create(
            dossier=dossier,
            agency_id=dossier.receiving_agency_id,
            kind=ObligationKind.VARIABLE,
            name=name,
            collected_at=moment or FeeMoment.AT_RECEIPT,
            base_amount=amount,
            amount=amount,
            reason=reason,
            reference=new_reference("MC"),
            created_by=actor.user if actor.is_staff else None,
        )
        audit_record(
            action="obligation_add",
            agency_code=dossier.receiving_agency.code,
            obj=obligation,
            **audit_actor(actor, {"amount": amount, "reason": reason, "dossier": dossier.code}),
        )
    return obligation


def obligation_postage(*, dossier: Dossier, amount: int, reason: str, actor) -> Obligation:
    """The postage of the result by post, owed by the applicant from the choice at reception
    (postal asks for it): paid online like a fee, or in cash at the counter."""
    actor = as_actor(actor)
    reason = _clean_reason(reason)
    _check_amount(amount, allow_zero=False)
    obligation = Obligation.objects.create(
        dossier=dossier,
        agency_id=dossier.receiving_agency_id,
        kind=ObligationKind.POSTAGE,
        name=POSTAGE_NAME,
        collected_at=FeeMoment.AT_RECEIPT,
        base_amount=amount,
        amount=amount,
        reason=reason,
        reference=new_reference("MC"),
        created_by=actor.user if actor.is_staff else None,
    )
    audit_record(
        action="obligation_postage",
        agency_code=dossier.receiving_agency.code,
        obj=obligation,
        **audit_actor(actor, {"amount": amount, "dossier": dossier.code}),
    )
    return obligation


def obligation_reduce(*, obligation_id: int, amount: int, reason: str, actor) -> Obligation:
    """Lower what is owed (a reduction the law grants), with its legal reason; 0 đ is an
    exemption and goes through `obligation_waive`."""
    actor = as_actor(actor)
    reason = _clean_reason(reason)
    _check_amount(amount, allow_zero=False)
    with transaction.atomic():
        obligation = _locked_due(obligation_id)
        if amount >= obligation.base_amount:
            raise PaymentError(_("A reduction is less than the amount before reduction."))
        if not reason:
            raise PaymentError(_("Give the legal reason for the reduction."))
        old = obligation.amount
        _save(obligation, amount=amount, reason=reason)
        audit_record(
            action="obligation_reduce",
            agency_code=obligation.agency.code,
            obj=obligation,
            old={"amount": old},
            **audit_actor(actor, {"amount": amount, "reason": reason}),
        )
    return obligation


def obligation_waive(*, obligation_id: int, reason: str, actor) -> Obligation:
    """Exempt the obligation (miễn), with its legal reason: it is settled without payment."""
    actor = as_actor(actor)
    reason = _clean_reason(reason)
    if not reason:
        raise PaymentError(_("Give the legal reason for the exemption."))
    with transaction.atomic():
        obligation = _locked_due(obligation_id)
        _move(obligation, ObligationState.WAIVED, reason=reason)
        audit_record(
            action="obligation_waive",
            agency_code=obligation.agency.code,
            obj=obligation,
            old={"state": ObligationState.DUE},
            **audit_actor(actor, {"state": ObligationState.WAIVED, "reason": reason}),
        )
        from payments.services_payments import dossier_move_on_if_settled

        dossier_move_on_if_settled(dossier_id=obligation.dossier_id, actor=actor)
    return obligation


def obligation_refund(*, obligation_id: int, reason: str, actor) -> Obligation:
    """Record that a paid amount was given back (the money itself goes back by the way it came,
    outside this system); the receipt is cancelled with the same reason."""
    actor = as_actor(actor)
    reason = _clean_reason(reason)
    if not reason:
        raise PaymentError(_("Give the reason for the refund."))
    with transaction.atomic():
        obligation = locked(Obligation.objects.select_related("agency")).get(pk=obligation_id)
        if not obligation_may_move(obligation.state, ObligationState.REFUNDED):
            raise PaymentError(_("Only a paid amount can be refunded."))
        _move(obligation, ObligationState.REFUNDED, reason=obligation.reason or reason)
        audit_record(
            action="obligation_refund",
            agency_code=obligation.agency.code,
            obj=obligation,
            old={"state": ObligationState.PAID},
            **audit_actor(actor, {"state": ObligationState.REFUNDED, "reason": reason}),
        )
        from payments.receipts import receipt_cancel_for_refund

        receipt_cancel_for_refund(obligation=obligation, reason=reason, actor=actor)
    return obligation


def _check_amount(amount, *, allow_zero: bool) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise PaymentError(_("An amount is a whole number of đồng."))
    if amount < 0 or (amount == 0 and not allow_zero):
        raise PaymentError(_("The amount must be more than 0 đ."))
    if amount > MAX_AMOUNT:
        raise PaymentError(_("The amount is too large."))


def _locked_due(obligation_id: int) -> Obligation:
    obligation = locked(Obligation.objects.select_related("agency")).get(pk=obligation_id)
    if obligation.state != ObligationState.DUE:
        raise PaymentError(
            _("This amount is already “%(state)s”.")
            % {"state": ObligationState(obligation.state).label}
        )
    if obligation.attempts.filter(state=AttemptState.PENDING).exists():
        raise PaymentError(
            _("A payment of this amount is waiting for its answer: wait for it to finish.")
        )
    return obligation


def _save(obligation: Obligation, **changes) -> None:
    """Compare-and-set on the version: on SQLite (no row locks) the version is the lock."""
    updated = Obligation.objects.filter(pk=obligation.pk, version=obligation.version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        raise PaymentError(_("Someone else changed this amount a moment ago. Reload the page."))
    obligation.refresh_from_db()


def _move(obligation: Obligation, target: str, **changes) -> None:
    if not obligation_may_move(obligation.state, target):
        raise PaymentError(
            _("This amount is already “%(state)s”.")
            % {"state": ObligationState(obligation.state).label}
        )
    settled = {"settled_at": timezone.now()} if target != ObligationState.DUE else {}
    _save(obligation, state=target, **settled, **changes)


def actor_of_gateway(key: str) -> Actor:
    return Actor.external(f"payment.{key}")

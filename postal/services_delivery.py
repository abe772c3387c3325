"""Results going back by post: the applicant's address and the postage at reception, the
order with the carrier when the result is ready, the hand-over of the envelope to the post."""

import contextlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FeeMoment
from core.actors import Actor
from core.audit import audit_record
from core.plugins import registry
from dossiers.models import Dossier, DossierFee, ReturnMethod
from dossiers.workflow import State
from org.access import holds_role_over
from org.models import AdministrativeUnit, Role
from payments.services_obligations import obligation_postage, obligation_waive
from payments.services_shared import PaymentError
from postal.carriers.base import CarrierError, OrderRequest
from postal.errors import PostalError
from postal.lifecycle import DeliveryState, OrderAction, order_move
from postal.models import Delivery, PostageRate

COUNTER_AND_POST = frozenset({Role.POSTAL_CLERK, Role.RECEIVING_OFFICER})
DOCUMENT_GRAMS = 100  # an envelope with a decision or a certificate


@dataclass(frozen=True)
class AddressChoice:
    """Where the applicant wants the result, as the forms checked it (postal.forms)."""

    recipient_name: str
    street: str
    commune: AdministrativeUnit
    phone: str
    weight_grams: int = DOCUMENT_GRAMS


def carrier_for(agency_code: str):
    return registry.get("postal", agency=agency_code)


def postage_quote(*, agency, commune: AdministrativeUnit, weight_grams: int) -> int:
    """The postage in đồng from the centre's province to the commune's: the centre's own price
    list when it has one covering the weight (postal.models.PostageRate, set in the admin),
    else its carrier's price (the demo table, or the carrier's price call; the carrier is
    chosen per centre by POSTAL_CARRIER_BY_AGENCY)."""
    origin = agency.unit.parent if agency.unit and agency.unit.parent_id else agency.unit
    from_province = origin.code if origin else ""
    to_province = commune.parent.code if commune.parent_id else commune.code
    rate = (
        PostageRate.objects.filter(agency=agency, up_to_grams__gte=weight_grams)
        .order_by("up_to_grams")
        .first()
    )
    if rate is not None:
        return rate.same_province if from_province == to_province else rate.other_province
    try:
        return carrier_for(agency.code).price(
            weight_grams=weight_grams, from_province=from_province, to_province=to_province
        )
    except CarrierError as error:
        raise PostalError(
            _("The carrier gave no price: %(why)s. Try again in a moment.") % {"why": error}
        ) from None


def cod_amount_of(dossier: Dossier) -> int:
    """The fees due when the result is returned: collected by the postman (cash on delivery)."""
    total = DossierFee.objects.filter(dossier=dossier, collected_at=FeeMoment.AT_RESULT).aggregate(
        total=Sum("amount")
    )["total"]
    return int(total or 0)


def _postage_owed(delivery: Delivery, actor) -> None:
    """The postage becomes an obligation of the applicant (payments): paid online like a fee,
    or in cash at the counter, where the payments panel takes it and prints the receipt."""
    if not delivery.postage:
        return
    reason = _("Postage of the result by post, %(grams)s g, to %(commune)s") % {
        "grams": delivery.weight_grams,
        "commune": delivery.commune.name,
    }
    delivery.postage_obligation = obligation_postage(
        dossier=delivery.dossier, amount=delivery.postage, reason=reason, actor=actor
    )
    delivery.postage_paid_as = "obligation"
    delivery.save(update_fields=["postage_obligation", "postage_paid_as"])


def delivery_request(
    *,
    dossier: Dossier,
    address: AddressChoice,
    user=None,
    actor: Actor | None = None,
    postage: int | None = None,
) -> Delivery:
    """Record the applicant's choice of the post at reception (the counter, the post clerk, or
    the applicant's own online submission, `actor`): address, phone, postage owed. `postage`
    when the caller priced it already (outside its transaction)."""
    if dossier.return_method != ReturnMethod.POST:
        raise PostalError(_("The applicant did not choose to receive the result by post."))
    actor = actor or Actor.staff(user)
    if postage is None:
        postage = postage_quote(
            agency=dossier.return_agency,
            commune=address.commune,
            weight_grams=address.weight_grams,
        )
    carrier = carrier_for(dossier.return_agency.code)
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                dossier=dossier,
                carrier=carrier.name,
                recipient_name=address.recipient_name,
                street=address.street,
                commune=address.commune,
                phone=address.phone,
                weight_grams=address.weight_grams,
                postage=postage,
                requested_by=user,
            )
            _postage_owed(delivery, actor)
            audit_record(
                action="postal_delivery_requested",
                actor=user,
                agency_code=dossier.return_agency.code,
                obj=delivery,
                new={
                    "dossier": dossier.code,
                    "postage": postage,
                    "carrier": carrier.name,
                    "by": f"{actor.kind}:{actor.label}",
                },
            )
    except IntegrityError:
        raise PostalError(_("This dossier already has a delivery by post.")) from None
    return delivery


def _may_act(user, delivery: Delivery) -> None:
    place = {delivery.dossier.return_agency_id, delivery.dossier.receiving_agency_id}
    if not holds_role_over(user, COUNTER_AND_POST, place):
        raise PostalError(_("Your role does not let you send results by post from this centre."))


def _move(delivery: Delivery, action: str, expected_version: int, **changes) -> Delivery:
    """Compare-and-set the delivery along the order table; the version is the lock."""
    target = order_move(delivery.state, action)
    if target is None:
        raise PostalError(
            _("This is not possible while the delivery is “%(state)s”.")
            % {"state": DeliveryState(delivery.state).label}
        )
    updated = Delivery.objects.filter(pk=delivery.pk, version=expected_version).update(
        state=target, version=F("version") + 1, **changes
    )
    if updated != 1:
        raise PostalError(_("Someone else changed this delivery a moment ago. Reload the page."))
    delivery.refresh_from_db()
    return delivery


def _sender(dossier: Dossier) -> tuple[str, str, str, str]:
    agency = dossier.return_agency
    province = agency.unit.parent if agency.unit and agency.unit.parent_id else agency.unit
    return agency.name, agency.address or "", agency.phone or "", province.code if province else ""


def delivery_order(*, delivery_id: int, expected_version: int, user) -> Delivery:
    """Place the order with the carrier once the result is ready: order and item numbers back,
    the cash-on-delivery amount of the fees due at result. The carrier is called outside any
    transaction (a slow post must not hold a lock); the order is recorded in a short one."""
    delivery = Delivery.objects.select_related(
        "dossier__return_agency__unit__parent", "commune__parent", "dossier__procedure_version"
    ).get(pk=delivery_id)
    _may_act(user, delivery)
    if (
        order_move(delivery.state, OrderAction.ORDER) is None
        or delivery.version != expected_version
    ):
        raise PostalError(_("Someone else changed this delivery a moment ago. Reload the page."))
    dossier = delivery.dossier
    if dossier.state != State.RESULT_READY:
        raise PostalError(_("The result is not ready yet: the order is placed when it is."))
    name, address, phone, province = _sender(dossier)
    cod = cod_amount_of(dossier)
    order = OrderRequest(
        reference=dossier.code,
        sender_name=name,
        sender_address=address,
        sender_phone=phone,
        sender_province=province,
        recipient_name=delivery.recipient_name,
        recipient_address=delivery.address,
        recipient_phone=delivery.phone,
        recipient_province=delivery.commune.parent.code if delivery.commune.parent_id else "",
        recipient_commune=delivery.commune.code,
        weight_grams=delivery.weight_grams,
        cod_amount=cod,
        description=dossier.procedure_version.name[:200],
    )
    carrier = carrier_for(dossier.return_agency.code)
    try:
        placed = carrier.order_create(order=order, serial=delivery.pk)
    except CarrierError as error:
        raise PostalError(
            _("The carrier did not take the order: %(why)s. Try again in a moment.")
            % {"why": error}
        ) from None
    with transaction.atomic():
        delivery = _move(
            delivery,
            OrderAction.ORDER,
            expected_version,
            order_number=placed.order_number,
            item_number=placed.item_number,
            cod_amount=cod,
            carrier=carrier.name,
            ordered_at=timezone.now(),
        )
        audit_record(
            action="postal_delivery_ordered",
            actor=user,
            agency_code=dossier.return_agency.code,
            obj=delivery,
            new={"order_number": placed.order_number, "item_number": placed.item_number},
        )
    return delivery


def delivery_hand_over(*, delivery_id: int, expected_version: int, user) -> Delivery:
    """The envelope leaves the counter with the post office's clerk."""
    with transaction.atomic():
        delivery = Delivery.objects.select_related("dossier__return_agency").get(pk=delivery_id)
        _may_act(user, delivery)
        delivery = _move(
            delivery,
            OrderAction.HAND_OVER,
            expected_version,
            handed_over_at=timezone.now(),
            handed_over_by=user,
        )
        audit_record(
            action="postal_delivery_handed_over",
            actor=user,
            agency_code=delivery.dossier.return_agency.code,
            obj=delivery,
            new={"state": delivery.state},
        )
    return delivery


def _postage_waived(delivery: Delivery, reason: str, user) -> None:
    """No journey, no postage: a postage still owed is waived with the cancellation's reason.
    One already paid stays paid; its refund is the payments app's own step, with its reason."""
    obligation = delivery.postage_obligation
    if obligation is None or obligation.state != "due":
        return
    # Paid meanwhile: the refund is decided at the counter.
    with contextlib.suppress(PaymentError):
        obligation_waive(
            obligation_id=obligation.pk,
            reason=_("Delivery by post cancelled: %(why)s") % {"why": reason.strip()},
            actor=user,
        )


def delivery_cancel(*, delivery_id: int, expected_version: int, reason: str, user) -> Delivery:
    """Cancel before the post has the envelope (the applicant comes to the counter after
    all). A placed order is cancelled with the carrier first."""
    if not reason.strip():
        raise PostalError(_("Write why the delivery is cancelled."))
    delivery = Delivery.objects.select_related("dossier__return_agency").get(pk=delivery_id)
    _may_act(user, delivery)
    if order_move(delivery.state, OrderAction.CANCEL) is None:
        raise PostalError(_("The post already has the envelope: it can no longer be cancelled."))
    if delivery.order_number:
        try:
            carrier_for(delivery.dossier.return_agency.code).order_cancel(
                order_number=delivery.order_number
            )
        except CarrierError as error:
            raise PostalError(
                _("The carrier did not cancel the order: %(why)s.") % {"why": error}
            ) from None
    with transaction.atomic():
        delivery = _move(delivery, OrderAction.CANCEL, expected_version, problem=reason[:300])
        _postage_waived(delivery, reason, user)
        audit_record(
            action="postal_delivery_cancelled",
            actor=user,
            agency_code=delivery.dossier.return_agency.code,
            obj=delivery,
            new={"state": delivery.state},
        )
    return delivery

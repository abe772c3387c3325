"""The carrier's status reports: each stored once, applied in the carrier's time order, and
"delivered" returning the dossier with the delivery time, exactly once however many callbacks
(R22). The callback view, the polling task and the demo carrier's page all come here."""

import logging

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from core.actors import Actor
from core.audit import audit_record
from core.events import event_record
from dossiers.services import Move, WorkflowError, dossier_transition
from dossiers.workflow import Action, State
from postal.carriers.base import CarrierError
from postal.lifecycle import WITH_THE_POST, DeliveryState, Report, tracking_move
from postal.models import Delivery, TrackingEvent

logger = logging.getLogger(__name__)
# Every move of a delivery the carrier reported; payload: the dossier code and both states.
DELIVERY_STATUS = "postal.delivery_status"


def _locked(delivery_id: int) -> Delivery:
    rows = Delivery.objects.select_related("dossier__return_agency")
    if connection.features.has_select_for_update:
        rows = rows.select_for_update(of=("self",))
    return rows.get(pk=delivery_id)


def tracking_record(*, delivery_id: int, report: Report, source: str, carrier: str) -> bool:
    """Store `report` on the delivery's timeline and move the delivery when the tracking table
    allows it. Returns whether the state moved. A report already stored (same event key) is
    ignored; an older one is stored without moving anything."""
    try:
        with transaction.atomic():
            return _record(delivery_id, report, source, carrier)
    except IntegrityError:
        # The same report stored by a concurrent callback between our check and insert.
        return False


def _record(delivery_id: int, report: Report, source: str, carrier: str) -> bool:
    delivery = _locked(delivery_id)
    if TrackingEvent.objects.filter(delivery=delivery, event_key=report.key[:80]).exists():
        return False
    target = tracking_move(delivery.state, delivery.status_at, report)
    TrackingEvent.objects.create(
        delivery=delivery,
        status=report.status,
        at=report.at,
        event_key=report.key[:80],
        source=source[:40],
        reason=report.reason[:300],
        carrier_code=report.carrier_code[:20],
        applied=target is not None,
    )
    if target is None:
        return False
    changes = {"state": target, "status_at": report.at, "version": F("version") + 1}
    if target == DeliveryState.DELIVERED:
        changes["delivered_at"] = report.at
    if target in (DeliveryState.FAILED_ATTEMPT, DeliveryState.RETURNED):
        changes["problem"] = report.reason[:300]
    # Compare-and-set as well as the row lock: SQLite has no row locks (RELIABILITY.md).
    updated = Delivery.objects.filter(pk=delivery.pk, version=delivery.version).update(**changes)
    if updated != 1:
        raise IntegrityError("delivery changed concurrently")
    before = delivery.state
    delivery.refresh_from_db()
    audit_record(
        action="postal_tracking",
        agency_code=delivery.dossier.return_agency.code,
        obj=delivery,
        old={"state": before},
        new={"state": target, "actor": f"external:{carrier}", "source": source},
    )
    # The public lookup caches its answer per dossier: it forgets it on this event.
    event_record(
        kind=DELIVERY_STATUS,
        subject=delivery.dossier,
        actor=Actor.external(carrier),
        agency_code=delivery.dossier.return_agency.code,
        payload={"code": delivery.dossier.code, "from_state": before, "to_state": target},
    )
    if target == DeliveryState.DELIVERED:
        _return_dossier(delivery, report, carrier)
    return True


def _return_dossier(delivery: Delivery, report: Report, carrier: str) -> None:
    """The result is in the applicant's hands: the dossier is returned at the delivery time.
    When the workflow refuses (already returned at the counter, a late result without its
    apology letter) the delivery stays on the clerk's list "deliveries to confirm"."""
    dossier = delivery.dossier
    if dossier.state != State.RESULT_READY:
        return
    move = Move(action=Action.RETURN_RESULT, expected_version=dossier.version, at=report.at)
    try:
        with transaction.atomic():
            dossier_transition(dossier_id=dossier.pk, move=move, actor=Actor.external(carrier))
    except WorkflowError as error:
        logger.info("Delivered item not returned automatically (%s)", type(error).__name__)


def delivery_for_order(*, carrier: str, order_number: str) -> Delivery | None:
    return Delivery.objects.filter(carrier=carrier, order_number=order_number).first()


def reports_apply(*, reports: list[Report], source: str, carrier: str) -> int:
    """Apply a carrier's reports in the carrier's time order; unknown orders are skipped.
    Returns how many moved a delivery."""
    moved = 0
    for report in sorted(reports, key=lambda r: r.at):
        delivery = delivery_for_order(carrier=carrier, order_number=report.order_number)
        if delivery is None:
            logger.warning("Tracking report for an order we do not know (%s)", carrier)
            continue
        moved += tracking_record(
            delivery_id=delivery.pk, report=report, source=source, carrier=carrier
        )
    return moved


def deliveries_poll() -> int:
    """Ask each carrier about the deliveries still with the post (the polling task, for
    carriers without callbacks). The carrier is called outside any transaction."""
    from postal.services_delivery import carrier_for

    moved = 0
    open_rows = (
        Delivery.objects.filter(state__in=WITH_THE_POST)
        .exclude(order_number="")
        .select_related("dossier__return_agency")
    )
    by_carrier: dict[tuple[str, str], list[str]] = {}
    for delivery in open_rows:
        agency = delivery.dossier.return_agency.code
        by_carrier.setdefault((delivery.carrier, agency), []).append(delivery.order_number)
    for (name, agency), numbers in by_carrier.items():
        carrier = carrier_for(agency)
        if carrier.name != name:
            continue  # the agency changed carrier: its old orders are tracked by hand
        try:
            reports = carrier.tracking(order_numbers=numbers)
        except CarrierError as error:
            # One carrier down must not stop the others, nor the next round.
            logger.warning("Tracking of %s for %s failed: %s", name, agency, error)
            continue
        moved += reports_apply(reports=reports, source="poll", carrier=name)
    return moved

"""The two state tables of the postal service: an envelope that arrived, and a delivery of a
result (the counter's order steps, then the carrier's tracking reports). Pure: no database."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemState(models.TextChoices):
    ARRIVED = "arrived", _("arrived, to register")
    REGISTERED = "registered", _("registered as a dossier")
    SENT_BACK = "sent_back", _("sent back to the sender")


class DeliveryState(models.TextChoices):
    REQUESTED = "requested", _("chosen at reception, waiting for the result")
    ORDERED = "ordered", _("order placed with the carrier")
    HANDED_OVER = "handed_over", _("handed to the post")
    ACCEPTED = "accepted", _("accepted by the post")
    IN_TRANSIT = "in_transit", _("in transit")
    OUT_FOR_DELIVERY = "out_for_delivery", _("out for delivery")
    FAILED_ATTEMPT = "failed_attempt", _("delivery attempt failed")
    DELIVERED = "delivered", _("delivered")
    RETURNED = "returned", _("returned to the centre")
    CANCELLED = "cancelled", _("cancelled")


class TrackingStatus(models.TextChoices):
    """What a carrier reports, in our words; each adapter maps its own codes to these."""

    ACCEPTED = "accepted", _("accepted by the post")
    IN_TRANSIT = "in_transit", _("in transit")
    OUT_FOR_DELIVERY = "out_for_delivery", _("out for delivery")
    DELIVERED = "delivered", _("delivered")
    FAILED_ATTEMPT = "failed_attempt", _("delivery attempt failed")
    RETURNED = "returned", _("returned to the sender")


FINAL = frozenset({DeliveryState.DELIVERED, DeliveryState.RETURNED, DeliveryState.CANCELLED})
# With the post (or about to be): where tracking reports count.
WITH_THE_POST = frozenset(
    {
        DeliveryState.ORDERED,
        DeliveryState.HANDED_OVER,
        DeliveryState.ACCEPTED,
        DeliveryState.IN_TRANSIT,
        DeliveryState.OUT_FOR_DELIVERY,
        DeliveryState.FAILED_ATTEMPT,
    }
)


# --- Envelopes in ------------------------------------------------------------------------

ITEM_EDGES = {
    # Documents checked and complete: it becomes a dossier (channel 3, received now).
    "register": ({ItemState.ARRIVED}, ItemState.REGISTERED),
    # Not complete, or not for this centre: it goes back with a written reason.
    "send_back": ({ItemState.ARRIVED}, ItemState.SENT_BACK),
}


def item_move(state: str, action: str) -> str | None:
    """The envelope's state after `action`, or None when the table forbids it."""
    sources, target = ITEM_EDGES[action]
    return target if state in sources else None


# --- The counter's steps of a delivery ---------------------------------------------------


class OrderAction(models.TextChoices):
    ORDER = "order", _("place the order with the carrier")
    HAND_OVER = "hand_over", _("record the hand-over to the post")
    CANCEL = "cancel", _("cancel the delivery")


ORDER_EDGES = {
    # The result is ready: the carrier gives an order and item number, the label prints.
    OrderAction.ORDER: ({DeliveryState.REQUESTED}, DeliveryState.ORDERED),
    # The envelope leaves the counter in the post clerk's hands.
    OrderAction.HAND_OVER: ({DeliveryState.ORDERED}, DeliveryState.HANDED_OVER),
    # The applicant collects at the counter after all, or the address was wrong: only before
    # the post has the envelope.
    OrderAction.CANCEL: (
        {DeliveryState.REQUESTED, DeliveryState.ORDERED},
        DeliveryState.CANCELLED,
    ),
}


def order_move(state: str, action: str) -> str | None:
    sources, target = ORDER_EDGES[action]
    return target if state in sources else None


# --- The carrier's tracking reports ------------------------------------------------------

# Status reported → (states it may move the delivery from, state it moves it to). Every report
# counts from any state with the post, an order whose hand-over nobody recorded included (the
# carrier has the envelope): which one wins is decided by the carrier's time, so callbacks
# arriving in any order end where the latest report leads (tested with hypothesis).
TRACKING_EDGES = {
    TrackingStatus.ACCEPTED: (WITH_THE_POST, DeliveryState.ACCEPTED),
    TrackingStatus.IN_TRANSIT: (WITH_THE_POST, DeliveryState.IN_TRANSIT),
    TrackingStatus.OUT_FOR_DELIVERY: (WITH_THE_POST, DeliveryState.OUT_FOR_DELIVERY),
    TrackingStatus.FAILED_ATTEMPT: (WITH_THE_POST, DeliveryState.FAILED_ATTEMPT),
    # Final: the result is in the applicant's hands, or back at the centre.
    TrackingStatus.DELIVERED: (WITH_THE_POST, DeliveryState.DELIVERED),
    TrackingStatus.RETURNED: (WITH_THE_POST, DeliveryState.RETURNED),
}


@dataclass(frozen=True)
class Report:
    """One status report as a carrier adapter parsed it."""

    order_number: str
    status: str  # TrackingStatus
    at: datetime  # the carrier's time of the event
    event_key: str = ""  # the carrier's id of the report; derived when empty
    reason: str = ""
    carrier_code: str = ""  # the carrier's own status code, kept for the record

    @property
    def key(self) -> str:
        return self.event_key or f"{self.status}@{self.at.isoformat()}"


def tracking_move(state: str, status_at: datetime | None, report: Report) -> str | None:
    """The delivery's state after `report`, or None when it changes nothing: a final state
    never moves; a report older than the status the delivery is in never moves it back (the
    carrier's callbacks may arrive out of order); a move the table does not list is ignored."""
    if state in FINAL:
        return None
    if status_at is not None and report.at < status_at:
        return None
    sources, target = TRACKING_EDGES[report.status]
    if state not in sources:
        return None
    return target

"""Reads of the postal work, scoped like every staff read (org.access): envelopes of the
centres the user sees, deliveries of the dossiers the user sees. A fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from catalog.models import Channel
from catalog.selectors import published_versions
from dossiers.models import Dossier, ReturnMethod
from dossiers.selectors import dossiers_for_staff
from dossiers.workflow import State
from org.access import agency_and_below, reference_agency_ids, scope_to_user
from postal.lifecycle import WITH_THE_POST, DeliveryState, ItemState
from postal.models import Delivery, InboundItem, ReceiptSentBy, TrackingEvent

SHOWN = 20


def items_for_staff(user) -> QuerySet[InboundItem]:
    return scope_to_user(InboundItem.objects.all(), user, agency_field="agency")


def deliveries_for_staff(user) -> QuerySet[Delivery]:
    return Delivery.objects.filter(dossier__in=dossiers_for_staff(user).values("pk"))


def delivery_for_staff(user, *, pk: int) -> Delivery:
    delivery = (
        deliveries_for_staff(user)
        .filter(pk=pk)
        .select_related(
            "dossier__procedure_version",
            "dossier__return_agency__unit__parent",
            "commune__parent",
            "handed_over_by",
            "postage_obligation",
        )
        .prefetch_related("events")
        .first()
    )
    if delivery is None:
        raise Http404
    return delivery


def item_for_staff(user, *, pk: int) -> InboundItem:
    item = items_for_staff(user).filter(pk=pk).select_related("agency", "dossier").first()
    if item is None:
        raise Http404
    return item


@dataclass
class WorkList:
    key: str
    title: str
    count: int = 0
    rows: list = field(default_factory=list)


@dataclass
class PostalDay:
    to_register: WorkList
    to_request: WorkList  # results ready to go by post without an address recorded
    to_order: WorkList
    to_hand_over: WorkList
    with_the_post: WorkList
    to_confirm: WorkList  # delivered, the dossier not returned (the workflow refused)
    came_back: WorkList  # failed or returned to the centre: give back at the counter
    receipts: WorkList  # receipts (Mẫu 01) of registered envelopes, to post to the sender
    to_sender: WorkList  # envelopes sent back, to hand to the post for the sender

    @property
    def lists(self) -> list[WorkList]:
        return [
            self.to_register,
            self.to_request,
            self.to_order,
            self.to_hand_over,
            self.with_the_post,
            self.to_confirm,
            self.came_back,
            self.receipts,
            self.to_sender,
        ]


def _list(key, title, rows: QuerySet) -> WorkList:
    shown = list(rows[:SHOWN])
    count = len(shown) if len(shown) < SHOWN else rows.count()
    return WorkList(key, title, count, shown)


def postal_day(user, *, titles: dict) -> PostalDay:
    """The clerk's lists of the day; `titles` are the translated headings by key."""
    scoped_items = items_for_staff(user).select_related("agency", "dossier")
    items = scoped_items.filter(state=ItemState.ARRIVED)
    not_posted = scoped_items.filter(posted_back_at__isnull=True).order_by("arrived_at", "pk")
    live = Delivery.objects.exclude(state=DeliveryState.CANCELLED).filter(dossier=OuterRef("pk"))
    to_request = (
        dossiers_for_staff(user)
        .filter(state=State.RESULT_READY, return_method=ReturnMethod.POST)
        .filter(~Exists(live))
        .select_related("procedure_version")
        .order_by("finished_at", "pk")
    )
    deliveries = deliveries_for_staff(user).select_related(
        "dossier__procedure_version", "commune__parent"
    )
    return PostalDay(
        to_register=_list(
            "register", titles.get("register", "register"), items.order_by("arrived_at", "pk")
        ),
        to_request=_list("request", titles.get("request", "request"), to_request),
        to_order=_list(
            "order",
            titles.get("order", "order"),
            deliveries.filter(
                state=DeliveryState.REQUESTED, dossier__state=State.RESULT_READY
            ).order_by("dossier__finished_at", "pk"),
        ),
        to_hand_over=_list(
            "hand-over",
            titles.get("hand-over", "hand-over"),
            deliveries.filter(state=DeliveryState.ORDERED).order_by("ordered_at", "pk"),
        ),
        with_the_post=_list(
            "with-post",
            titles.get("with-post", "with-post"),
            deliveries.filter(state__in=WITH_THE_POST - {DeliveryState.ORDERED}).order_by(
                "status_at", "pk"
            ),
        ),
        to_confirm=_list(
            "confirm",
            titles.get("confirm", "confirm"),
            deliveries.filter(state=DeliveryState.DELIVERED)
            .exclude(dossier__state=State.RETURNED)
            .order_by("delivered_at", "pk"),
        ),
        came_back=_list(
            "came-back",
            titles.get("came-back", "came-back"),
            deliveries.filter(
                Q(state=DeliveryState.RETURNED) | Q(state=DeliveryState.FAILED_ATTEMPT)
            )
            .filter(dossier__state=State.RESULT_READY)
            .order_by("status_at", "pk"),
        ),
        receipts=_list(
            "receipts",
            titles.get("receipts", "receipts"),
            not_posted.filter(state=ItemState.REGISTERED, receipt_sent_by=ReceiptSentBy.POST),
        ),
        to_sender=_list(
            "to-sender",
            titles.get("to-sender", "to-sender"),
            not_posted.filter(state=ItemState.SENT_BACK),
        ),
    )


def postal_of_dossier(dossier: Dossier) -> tuple[InboundItem | None, Delivery | None]:
    """The envelope the dossier came in and its live delivery (or the last cancelled one),
    with the delivery's tracking: two queries."""
    item = InboundItem.objects.filter(dossier=dossier).first()
    if dossier.return_method != ReturnMethod.POST and dossier.channel != Channel.POSTAL:
        return item, None
    deliveries = list(
        Delivery.objects.filter(dossier=dossier)
        .select_related("commune__parent")
        .prefetch_related(Prefetch("events", queryset=TrackingEvent.objects.order_by("at", "id")))
        .order_by("-id")
    )
    live = [d for d in deliveries if d.state != DeliveryState.CANCELLED]
    return item, (live or deliveries or [None])[0]


@dataclass(frozen=True)
class PublicDelivery:
    """What the public lookup may show: states and dates, no address, no name (R6)."""

    state: str
    state_label: str
    item_number: str
    delivered_at: object
    steps: list  # (date, label)


def public_delivery(dossier_id: int) -> PublicDelivery | None:
    """The post's progress with the result, for the public lookup (portal imports this)."""
    delivery = (
        Delivery.objects.filter(dossier_id=dossier_id)
        .exclude(state=DeliveryState.CANCELLED)
        .prefetch_related(Prefetch("events", queryset=TrackingEvent.objects.order_by("at", "id")))
        .first()
    )
    if delivery is None:
        return None
    return PublicDelivery(
        state=delivery.state,
        state_label=DeliveryState(delivery.state).label,
        item_number=delivery.item_number,
        delivered_at=delivery.delivered_at,
        steps=[(event.at, event.get_status_display()) for event in delivery.events.all()],
    )


@dataclass(frozen=True)
class PostalShare:
    """How many of the procedures a user's centres publish take dossiers or return results by
    post (the notice board's list, Decision 45/2016), and how many of the dossiers received in
    the period came or went back by post — for the same agency, field and procedure."""

    total: int
    receipt: int
    result: int
    dossiers: int = 0  # received in the period
    by_post: int = 0  # of which received by post (channel 3)
    returned_by_post: int = 0  # of which returned by post

    @property
    def receipt_percent(self) -> int:
        return round(100 * self.receipt / self.total) if self.total else 0

    @property
    def result_percent(self) -> int:
        return round(100 * self.result / self.total) if self.total else 0

    @property
    def by_post_percent(self) -> int:
        return round(100 * self.by_post / self.dossiers) if self.dossiers else 0


def postal_share(
    user,
    *,
    agency=None,
    field_id: int | None = None,
    procedure_id: int | None = None,
    received: tuple | None = None,
) -> PostalShare:
    """Two queries: the published procedures `user` reads in the catalogue (those of `agency`
    and below when one is chosen), and the dossiers `user` sees received between the two
    moments of `received` (start included, end excluded)."""
    agencies = reference_agency_ids(user)
    if agency is not None:
        agencies = agencies & agency_and_below([agency])
    versions = published_versions().filter(procedure__agencies__in=agencies)
    if field_id:
        versions = versions.filter(field_id=field_id)
    if procedure_id:
        versions = versions.filter(procedure_id=procedure_id)
    counts = (
        published_versions()
        .filter(pk__in=versions.values("pk"))
        .aggregate(
            total=Count("pk"),
            receipt=Count("pk", filter=Q(postal_receipt=True)),
            result=Count("pk", filter=Q(postal_return=True)),
        )
    )
    share = {"total": counts["total"], "receipt": counts["receipt"], "result": counts["result"]}
    if received is not None:
        dossiers = scope_to_user(Dossier.objects.all(), user, agency_field="receiving_agency")
        dossiers = dossiers.filter(received_at__gte=received[0], received_at__lt=received[1])
        if agency is not None:
            dossiers = dossiers.filter(receiving_agency__in=agency_and_below([agency]))
        if field_id:
            dossiers = dossiers.filter(procedure_version__field_id=field_id)
        if procedure_id:
            dossiers = dossiers.filter(procedure_version__procedure_id=procedure_id)
        share |= dossiers.aggregate(
            dossiers=Count("pk"),
            by_post=Count("pk", filter=Q(channel=Channel.POSTAL)),
            returned_by_post=Count("pk", filter=Q(returned_by_post=True)),
        )
    return PostalShare(**share)

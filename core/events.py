"""Domain events: an app records what happened in the transaction that made it happen; other
apps subscribe by kind from their `ready()` and are called after commit, each delivery in its
own transaction and retried until it succeeds (docs/decisions/0007-events-and-actors.md)."""

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from core.actors import Actor, ActorKind
from core.models import DeliveryStatus, DomainEvent, EventDelivery

logger = logging.getLogger(__name__)

# Retry after 1, 2, 4 … minutes, at most 6 hours apart; after 10 failed attempts (about 14
# hours) the delivery is marked failed and waits for someone to look (admin, "retry").
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 10

Handler = Callable[[DomainEvent], None]


@dataclass(frozen=True)
class Subscriber:
    key: str
    kinds: frozenset[str]
    handler: Handler


_subscribers: dict[str, Subscriber] = {}


def subscribe(*kinds: str, key: str | None = None) -> Callable[[Handler], Handler]:
    """Register the decorated function for events of `kinds`. Call it at import of the
    subscribing app's `subscribers` module, imported from its AppConfig.ready().

    The key is stored on every delivery row: it defaults to the function's dotted path, so
    pass `key=` to keep pending deliveries when the function moves or is renamed.

    The handler runs inside a transaction of its own, after the event's transaction committed:
    its writes commit with the "done" mark or roll back with the failure. It may run more than
    once for one event (a retry after a failure that came after its effects, such as a message
    handed to a gateway), so make it idempotent, and keep it short: slow I/O belongs in a task
    it enqueues.
    """
    if not kinds:
        raise ValueError("Name at least one event kind.")

    def register(handler: Handler) -> Handler:
        name = key or f"{handler.__module__}.{handler.__qualname__}"
        known = _subscribers.get(name)
        if known is not None and known.handler is not handler:
            raise ValueError(f"Two subscribers share the key {name!r}.")
        _subscribers[name] = Subscriber(name, frozenset(kinds), handler)
        return handler

    return register


def subscribers_of(kind: str) -> list[Subscriber]:
    return [subscriber for subscriber in _subscribers.values() if kind in subscriber.kinds]


def event_record(
    *,
    kind: str,
    subject,
    actor: Actor,
    agency_code: str = "",
    payload: dict | None = None,
) -> DomainEvent:
    """Append the event and one pending delivery per subscriber of its kind, inside the
    caller's transaction: they exist exactly when the change they describe committed. The
    deliveries run after commit; whatever a crash leaves undone, `events_sweep` delivers."""
    now = timezone.now()
    event = DomainEvent.objects.create(
        kind=kind,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        agency_code=agency_code,
        payload=_plain(payload or {}),
        actor_kind=actor.kind,
        actor=actor.user if actor.kind == ActorKind.STAFF else None,
        actor_label=actor.label,
        at=now,
    )
    keys = [subscriber.key for subscriber in subscribers_of(kind)]
    if keys:
        EventDelivery.objects.bulk_create(
            EventDelivery(event=event, subscriber=key, next_attempt_at=now) for key in keys
        )
        # Robust: the change is committed whatever happens here; what fails stays pending.
        transaction.on_commit(partial(events_dispatch, event_ids=[event.pk]), robust=True)
    return event


def _plain(values: dict) -> dict:
    """Dates and lazy strings as JSON, so the payload reads back as it was written."""
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def events_dispatch(*, event_ids: Iterable[int]) -> int:
    """Run the pending deliveries of these events now (called on commit); return how many
    succeeded. A failure is recorded on its delivery and never stops the others."""
    pending = EventDelivery.objects.filter(
        event_id__in=list(event_ids), status=DeliveryStatus.PENDING
    ).values_list("pk", flat=True)
    return _run_each(list(pending))


def events_sweep(*, limit: int = 500) -> int:
    """Run every pending delivery that is due: those a crash after commit left behind, and
    the retries whose time has come. Safe to run from several processes at once."""
    due = (
        EventDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return _run_each(list(due))


def _run_each(delivery_ids: list[int]) -> int:
    done = 0
    for pk in delivery_ids:
        try:
            done += delivery_run(delivery_id=pk)
        except DatabaseError:  # the database refused the claim or the mark: left pending
            logger.exception("Event delivery %s could not run; the sweeper will retry it", pk)
    return done


def delivery_run(*, delivery_id: int) -> bool:
    """Claim one pending delivery and run its subscriber, in one transaction; True when it
    succeeded. Claimed by a row lock (PostgreSQL, skipping rows another dispatcher holds) or by
    SQLite's write lock, taken at BEGIN: either way one dispatcher runs it, once."""
    with transaction.atomic():
        rows = EventDelivery.objects.select_related("event")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        delivery = rows.filter(pk=delivery_id, status=DeliveryStatus.PENDING).first()
        if delivery is None:  # done or claimed by someone else meanwhile
            return False
        delivery.attempts += 1
        subscriber = _subscribers.get(delivery.subscriber)
        try:
            if subscriber is None:
                raise LookupError(f"no subscriber {delivery.subscriber!r} in this process")
            # A savepoint: a failing handler's writes roll back, its failure is recorded.
            with transaction.atomic():
                subscriber.handler(delivery.event)
        except Exception as error:  # any failure of a subscriber: record it, retry later
            _failed(delivery, error)
            return False
        delivery.status = DeliveryStatus.DONE
        delivery.done_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["status", "attempts", "done_at", "last_error"])
        return True


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt after `attempts` failed ones: doubling, capped."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def _failed(delivery: EventDelivery, error: Exception) -> None:
    # The type only: an exception's text may quote personal data (R17).
    delivery.last_error = f"{type(error).__name__}"[:255]
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    else:
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    logger.warning(
        "Event delivery %s (event %s, %s) failed, attempt %s: %s",
        delivery.pk,
        delivery.event_id,
        delivery.subscriber,
        delivery.attempts,
        delivery.last_error,
        exc_info=error,
    )


def delivery_retry(*, delivery_ids: Iterable[int]) -> int:
    """Give failed deliveries another round of attempts, due now (the admin's action)."""
    return EventDelivery.objects.filter(
        pk__in=list(delivery_ids), status=DeliveryStatus.FAILED
    ).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now())

"""Domain events: written with the change, delivered after commit, each subscriber on its own,
retried when it fails, and swept up after a crash, exactly once."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction

from core import events
from core.actors import Actor
from core.events import event_record, events_sweep, subscribe
from core.models import CalendarOverride, DeliveryStatus, DomainEvent, EventDelivery

HAPPENED = "test.happened"


@pytest.fixture
def registry(monkeypatch):
    """Subscribers registered by a test live only for that test."""
    monkeypatch.setattr(events, "_subscribers", dict(events._subscribers))
    return events._subscribers


@pytest.fixture
def heard(registry):
    """A subscriber that writes down every event it hears (in the database, so a rolled-back
    delivery forgets it too)."""
    calls = []

    @subscribe(HAPPENED, key="test.listener")
    def listener(event):
        calls.append(event.pk)

    return calls


def subject() -> CalendarOverride:
    return CalendarOverride.objects.create(
        date=date(2031, 1, 2), is_working_day=False, reason="test"
    )


def record(thing, **payload):
    return event_record(
        kind=HAPPENED, subject=thing, actor=Actor.system("test"), agency_code="X", payload=payload
    )


@pytest.mark.django_db
def test_an_event_is_written_with_the_change_and_not_when_the_change_rolls_back(heard):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(subject(), reason="rolled back")
        raise RuntimeError
    assert not DomainEvent.objects.exists() and not EventDelivery.objects.exists()

    thing = subject()
    event = record(thing, new_date=date(2031, 2, 3))
    stored = DomainEvent.objects.get()
    assert (stored.kind, stored.subject_type, stored.subject_id) == (
        HAPPENED,
        "core.calendaroverride",
        str(thing.pk),
    )
    assert (stored.actor_kind, stored.actor_label) == ("system", "test")
    assert stored.payload == {"new_date": "2031-02-03"}
    assert list(event.deliveries.values_list("subscriber", "status")) == [
        ("test.listener", DeliveryStatus.PENDING)
    ]


@pytest.mark.django_db(transaction=True)
def test_subscribers_are_called_only_after_the_transaction_commits(heard):
    with transaction.atomic():
        event = record(subject())
        assert heard == []
    assert heard == [event.pk]
    assert EventDelivery.objects.get().status == DeliveryStatus.DONE


@pytest.mark.django_db
def test_an_event_nobody_subscribes_to_has_no_deliveries(registry):
    record(subject())
    assert DomainEvent.objects.count() == 1
    assert not EventDelivery.objects.exists()


@pytest.mark.django_db
def test_a_failing_subscriber_is_retried_later_and_the_others_still_run(
    registry, heard, django_capture_on_commit_callbacks
):
    broken = {"times": 1}

    @subscribe(HAPPENED, key="test.flaky")
    def flaky(event):
        CalendarOverride.objects.create(date=date(2031, 5, 5), is_working_day=True, reason="x")
        if broken["times"]:
            broken["times"] -= 1
            raise ConnectionError("gateway down")

    with time_machine.travel("2031-01-01 09:00 +0700", tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            event = record(subject())
        assert heard == [event.pk]  # the other subscriber ran
        failed = EventDelivery.objects.get(subscriber="test.flaky")
        assert (failed.status, failed.attempts, failed.last_error) == (
            DeliveryStatus.PENDING,
            1,
            "ConnectionError",
        )
        # Its writes rolled back with it.
        assert not CalendarOverride.objects.filter(date=date(2031, 5, 5)).exists()
        assert events_sweep() == 0  # not due yet: the next attempt waits a minute
        clock.shift(timedelta(minutes=1))
        assert events_sweep() == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (DeliveryStatus.DONE, 2)
    assert CalendarOverride.objects.filter(date=date(2031, 5, 5)).count() == 1
    assert heard == [event.pk]  # the subscriber that had succeeded is not called again


@pytest.mark.django_db
def test_the_wait_between_attempts_doubles_up_to_six_hours_then_the_delivery_is_given_up(
    registry,
):
    @subscribe(HAPPENED, key="test.always_failing")
    def always_failing(event):
        raise ValueError("bad answer")

    assert [events.retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert events.retry_delay(20) == timedelta(hours=6)
    with time_machine.travel("2031-01-01 09:00 +0700", tick=False) as clock:
        record(subject())
        for _attempt in range(events.MAX_ATTEMPTS):
            events_sweep()
            clock.shift(timedelta(hours=7))
    delivery = EventDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, events.MAX_ATTEMPTS)
    assert events_sweep() == 0

    assert events.delivery_retry(delivery_ids=[delivery.pk]) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


@pytest.mark.django_db
def test_an_event_left_undelivered_by_a_crash_after_commit_is_delivered_once_by_the_sweeper(
    heard,
):
    # This test's transaction never commits, so the on-commit dispatch never runs: exactly
    # what a process killed between its commit and its callbacks leaves behind.
    event = record(subject())
    assert heard == []
    call_command("dispatch_events")
    call_command("dispatch_events")
    assert heard == [event.pk]
    assert EventDelivery.objects.get().status == DeliveryStatus.DONE


@pytest.mark.django_db
def test_a_delivery_for_a_subscriber_this_process_does_not_know_waits_and_says_why(registry):
    @subscribe(HAPPENED, key="test.gone")
    def gone(event):
        pass

    record(subject())
    del registry["test.gone"]  # a newer release renamed it; this one is still running
    events_sweep()
    delivery = EventDelivery.objects.get()
    assert (delivery.status, delivery.last_error) == (DeliveryStatus.PENDING, "LookupError")


def test_two_subscribers_cannot_share_a_key(registry):
    subscribe(HAPPENED, key="test.one")(lambda event: None)
    with pytest.raises(ValueError, match="share the key"):
        subscribe(HAPPENED, key="test.one")(lambda event: None)


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("concurrency")
def test_sweepers_running_at_once_deliver_every_event_exactly_once(registry, monkeypatch):
    calls = []
    lock = threading.Lock()

    @subscribe(HAPPENED, key="test.counter")
    def counter(event):
        with lock:
            calls.append(event.pk)

    thing = subject()
    with monkeypatch.context() as crashed:  # committed, never dispatched
        crashed.setattr(events, "events_dispatch", lambda **kwargs: 0)
        recorded = [record(thing).pk for _ in range(30)]
    barrier = threading.Barrier(4)
    errors = []

    def sweeper():
        try:
            barrier.wait(timeout=30)
            events_sweep()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(calls) == sorted(recorded)
    assert set(EventDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DONE}

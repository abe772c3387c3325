"""A message whose provider fails is tried again later, then failed and left for staff; the
provider is never called with a transaction open; a dead sender's claim is taken over."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notifications.channels import DeliveryError
from notifications.delivery import (
    MAX_ATTEMPTS,
    STUCK_AFTER,
    message_deliver,
    messages_deliver_due,
    messages_requeue_stuck,
)
from notifications.models import Notification, Status
from notifications.services import notification_send
from notifications.sms import MemorySms

START = "2031-01-06 09:00 +0700"


@pytest.fixture(autouse=True)
def empty_outbox():
    MemorySms.outbox.clear()


@pytest.fixture
def gateway_down(monkeypatch):
    calls = []

    def refuse(self, *, to, text, reference):
        calls.append(reference)
        raise DeliveryError("HTTP 503")

    monkeypatch.setattr(MemorySms, "send", refuse)
    return calls


@pytest.mark.django_db
def test_a_refused_message_is_tried_again_later_then_failed(gateway_down):
    with time_machine.travel(START, tick=False) as clock:
        message = notification_send(channel="sms", to="0912345678", body="Ho so da co ket qua")
        waits = []
        for _ in range(MAX_ATTEMPTS):
            message_deliver(message_id=message.pk)
            message.refresh_from_db()
            if message.status == Status.QUEUED:
                wait = message.next_attempt_at - timezone.now()
                waits.append(wait)
                # Not before its time: a sweep now sends nothing.
                assert messages_deliver_due() == 0
                clock.shift(wait)
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 30, 120, 360]
    assert message.status == Status.FAILED
    assert message.attempts == MAX_ATTEMPTS == len(gateway_down)
    assert message.error == "DeliveryError: HTTP 503"
    assert message.provider == "sms.memory"
    # Every attempt carried the same reference, so a gateway can drop repeats.
    assert set(gateway_down) == {f"motcua-{message.pk}"}
    # Failed is final until someone sends it again: the sweeper leaves it alone.
    assert messages_deliver_due() == 0


@pytest.mark.django_db
def test_an_exception_text_never_reaches_the_stored_error(monkeypatch):
    def leak(self, *, to, text, reference):
        raise ValueError(f"bad number {to}")

    monkeypatch.setattr(MemorySms, "send", leak)
    message = notification_send(channel="sms", to="0912345678", body="x")
    message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.error) == (Status.QUEUED, "ValueError")


@pytest.mark.tasks
@pytest.mark.django_db(transaction=True)
def test_the_provider_is_called_with_no_transaction_open(monkeypatch):
    seen = []

    def watch(self, *, to, text, reference):
        seen.append((connection.in_atomic_block, Notification.objects.get().status))

    monkeypatch.setattr(MemorySms, "send", watch)
    notification_send(channel="sms", to="0912345678", body="x")
    call_command("deliver_messages")
    # Outside any transaction, and the claim already committed (another sender sees it).
    assert seen == [(False, Status.SENDING)]
    assert Notification.objects.get().status == Status.SENT


@pytest.mark.django_db
def test_deliver_messages_sends_what_is_due_and_says_how_many(capsys):
    with time_machine.travel(START, tick=False):
        due = notification_send(channel="sms", to="0912345678", body="mot")
        later = notification_send(channel="sms", to="0987654321", body="hai")
        Notification.objects.filter(pk=later.pk).update(
            next_attempt_at=due.next_attempt_at + timedelta(minutes=5)
        )
        call_command("deliver_messages")
    assert "1 message(s) sent" in capsys.readouterr().out
    assert MemorySms.outbox == [{"to": "0912345678", "text": "mot"}]
    assert Notification.objects.get(pk=later.pk).status == Status.QUEUED


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_sender_is_queued_again_and_sent():
    with time_machine.travel(START, tick=False) as clock:
        message = notification_send(channel="sms", to="0912345678", body="x")
        # A sender claimed it, then died before recording anything.
        Notification.objects.filter(pk=message.pk).update(
            status=Status.SENDING, claimed_at=timezone.now(), attempts=1
        )
        assert messages_requeue_stuck() == 0  # still within its time
        clock.shift(STUCK_AFTER + timedelta(seconds=1))
        assert messages_deliver_due() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 2)
    assert len(MemorySms.outbox) == 1


@pytest.mark.django_db
def test_a_message_being_sent_is_not_claimed_twice():
    message = notification_send(channel="sms", to="0912345678", body="x")
    Notification.objects.filter(pk=message.pk).update(status=Status.SENDING)
    assert message_deliver(message_id=message.pk) == Status.SENDING
    assert MemorySms.outbox == []

"""What the dossier services announce, and what their subscribers do with it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from catalog.models import Channel
from core.events import events_sweep
from core.models import DeliveryStatus, DomainEvent, EventDelivery
from dossiers import events
from dossiers.services import Move, WorkflowError, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action
from notifications.models import Notification
from portal.lookup import cache_key

pytestmark = pytest.mark.django_db


def kinds_of(dossier) -> list[tuple[str, dict]]:
    return [
        (event.kind, event.payload)
        for event in DomainEvent.objects.filter(subject_id=str(dossier.pk)).order_by("id")
    ]


def test_a_reception_at_the_counter_announces_a_received_dossier_in_national_code_2(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    (received, received_payload), (changed, changed_payload) = kinds_of(dossier)
    assert (received, changed) == (events.RECEIVED, events.STATE_CHANGED)
    assert changed_payload["from_state"] == "" and changed_payload["to_state"] == "accepted"
    assert (changed_payload["from_national_code"], changed_payload["to_national_code"]) == (
        None,
        2,
    )
    event = DomainEvent.objects.filter(kind=events.RECEIVED).get()
    assert (event.agency_code, event.actor_kind, event.actor_label) == (
        office.centre_a.code,
        "staff",
        "alice",
    )
    # Nothing personal in what every subscriber, and the admin, can read.
    assert "001090012345" not in str(received_payload)
    assert "0912345678" not in str(received_payload) and "Nguyễn" not in str(received_payload)


def test_an_online_submission_announces_a_submitted_dossier_in_national_code_1(office):
    dossier = dossier_receive(
        reception=reception_for(office, channel=Channel.ONLINE), actor=office.alice
    )
    assert [kind for kind, _payload in kinds_of(dossier)] == [
        events.SUBMITTED,
        events.STATE_CHANGED,
    ]
    assert kinds_of(dossier)[1][1]["to_national_code"] == 1


def test_each_action_announces_itself_and_its_change_of_state(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(Action.ASSIGN, expected_version=1, assignee=office.sophie),
            actor=office.alice,
        )
        new_date = dossier.due_at + timedelta(days=3)
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(
                Action.APOLOGISE, expected_version=2, reason="Chờ xác minh", new_due_at=new_date
            ),
            actor=office.sophie,
        )
    kinds = [kind for kind, _payload in kinds_of(dossier)][2:]
    # The apology moves the date, not the state: no state_changed for it.
    assert kinds == ["dossier.assigned", events.STATE_CHANGED, events.APOLOGY_ISSUED]
    apology = kinds_of(dossier)[-1][1]
    assert apology["extended_due_at"] == new_date.isoformat().replace("+00:00", "Z")
    assert apology["reason"] == "Chờ xác minh"
    assert (apology["from_national_code"], apology["to_national_code"]) == (4, 4)


def test_a_refused_action_announces_nothing(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    before = DomainEvent.objects.count()
    with pytest.raises(WorkflowError):
        dossier_transition(
            dossier_id=dossier.pk, move=Move(Action.APPROVE, expected_version=1), actor=office.leo
        )
    assert DomainEvent.objects.count() == before


def test_the_applicant_is_told_only_once_the_reception_has_committed(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        dossier_receive(reception=reception_for(office), actor=office.alice)
        assert not Notification.objects.exists()
    assert not Notification.objects.exists()  # committed, not yet dispatched
    for callback in pending:
        callback()
    assert Notification.objects.count() == 1
    assert set(EventDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DONE}


@override_settings(LOOKUP_CACHE_SECONDS=60)
def test_a_failing_message_subscriber_does_not_keep_the_lookup_from_forgetting(
    office, monkeypatch, django_capture_on_commit_callbacks
):
    def gateway_down(**kwargs):
        raise ConnectionError

    monkeypatch.setattr("dossiers.subscribers.notify_applicant", gateway_down)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    cache.set(cache_key(dossier.code, "vi"), b"stale page")
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(Action.WITHDRAW, expected_version=1, reason="Xin rút"),
            actor=office.alice,
        )
    assert cache.get(cache_key(dossier.code, "vi")) is None
    messages = EventDelivery.objects.get(
        subscriber="dossiers.tell_applicant", event__kind=events.RECEIVED
    )
    assert (messages.status, messages.attempts) == (DeliveryStatus.PENDING, 1)

    monkeypatch.undo()  # the gateway is back: the sweeper sends the message
    with time_machine.travel(messages.next_attempt_at + timedelta(seconds=1)):
        events_sweep()
    assert Notification.objects.count() == 1

"""Messages that could not be sent: shown on the dossier's page, listed for the staff of the
agencies that sent them (agencies below included, never a sibling commune's) and sent again,
audited."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import login_verified
from core.models import AuditEvent
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from notifications.channels import DeliveryError
from notifications.delivery import MAX_ATTEMPTS, message_deliver, messages_deliver_due
from notifications.models import Notification, Status
from notifications.services import notification_send
from notifications.sms import MemorySms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    MemorySms.outbox.clear()


@pytest.fixture
def gateway_down(monkeypatch):
    def refuse(self, *, to, text, reference):
        raise DeliveryError("HTTP 503")

    monkeypatch.setattr(MemorySms, "send", refuse)
    return monkeypatch


def failed(agency, phone="0912345678"):
    message = notification_send(channel="sms", to=phone, body="x", agency_code=agency.code)
    Notification.objects.filter(pk=message.pk).update(
        status=Status.FAILED, attempts=MAX_ATTEMPTS, error="DeliveryError: HTTP 503"
    )
    return message


def listed(client, user):
    login_verified(client, user)  # administrators pass TOTP
    response = client.get(reverse("dossiers:failed-messages"))
    assert response.status_code == 200
    return {message.pk for message in response.context["page"]}


def test_a_message_the_gateway_keeps_refusing_is_retried_then_failed_and_listed(
    office, client, gateway_down, django_capture_on_commit_callbacks
):
    with time_machine.travel("2031-01-06 09:00 +0700", tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        message = Notification.objects.get()
        for _ in range(MAX_ATTEMPTS):
            message_deliver(message_id=message.pk)
            message.refresh_from_db()
            assert message not in Notification.objects.filter(status=Status.SENT)
            if message.status == Status.QUEUED:
                clock.shift(message.next_attempt_at - timezone.now())
    assert (message.status, message.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    # Leo leads the commune committee: its counter (an agency below) sent the message.
    client.force_login(office.leo)
    page = client.get(reverse("dossiers:failed-messages"))
    assert [m.pk for m in page.context["page"]] == [message.pk]
    assert dossier.code in page.content.decode()
    assert "091*****78" in page.content.decode()


def test_failed_messages_are_listed_only_for_the_agencies_of_the_reader(office, client):
    at_counter_a = failed(office.centre_a)
    at_counter_b = failed(office.centre_b)
    assert at_counter_a.pk in listed(client, office.leo)  # the committee sees its counter's
    assert at_counter_b.pk not in listed(client, office.leo)  # not a sibling commune's
    assert at_counter_a.pk in listed(client, office.alice)
    assert listed(client, office.bob) == {at_counter_b.pk}
    assert at_counter_b.pk in listed(client, office.sam)  # a system administrator sees all


def test_an_inspector_does_not_see_failed_messages(office, client):
    client.force_login(office.ivy)
    assert client.get(reverse("dossiers:failed-messages")).status_code == 403


def test_sending_again_queues_the_message_and_is_audited(office, client):
    message = failed(office.centre_a)
    client.force_login(office.leo)
    response = client.post(reverse("dossiers:message-resend", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.QUEUED, 0)
    audit = AuditEvent.objects.get(action="message_resend")
    assert audit.actor == office.leo
    assert audit.object_id == str(message.pk)
    assert audit.agency_code == office.centre_a.code
    assert audit.old_values == {"status": "failed", "attempts": MAX_ATTEMPTS}
    assert messages_deliver_due() == 1
    assert MemorySms.outbox == [{"to": "0912345678", "text": "x"}]
    # A second click on a page left open changes nothing and records nothing.
    response = client.post(reverse("dossiers:message-resend", args=[message.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="message_resend").count() == 1


def test_a_sibling_communes_message_cannot_be_sent_again(office, client):
    message = failed(office.centre_a)
    client.force_login(office.bob)
    assert client.post(reverse("dossiers:message-resend", args=[message.pk])).status_code == 404
    assert client.get(reverse("dossiers:message-resend", args=[message.pk])).status_code == 405
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert not AuditEvent.objects.filter(action="message_resend").exists()


def test_the_failed_list_costs_the_same_queries_for_one_message_or_many(office, client):
    client.force_login(office.leo)
    url = reverse("dossiers:failed-messages")
    failed(office.centre_a)
    client.get(url)  # warm the session and the translations
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(6):
        failed(office.centre_a)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


def test_the_dossier_page_shows_the_messages_sent_to_the_applicant(
    office, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    message = Notification.objects.get()
    message_deliver(message_id=message.pk)
    client.force_login(office.alice)
    response = client.get(reverse("dossiers:dossier", args=[dossier.pk]))
    page = response.content.decode()
    assert "Tin nhắn đã gửi" in page
    assert [m.pk for m in response.context["sent_messages"]] == [message.pk]
    section = page[page.index('id="messages-heading"') :]
    assert "091*****78" in section
    assert "0912345678" not in section
    assert "Đã gửi" in section  # its state
    assert "Tiếp nhận hồ sơ" in section.split("</table>")[0]  # what it told: the receipt

"""Channels as plugins: the demo by default, a provider per agency, the HTTP brandname API
against a local fake gateway over real HTTP, and a timeout on every transport."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.checks import run_checks

from core.plugins import registry
from notifications.channels import DeliveryError
from notifications.delivery import message_deliver
from notifications.models import Notification, Status
from notifications.services import notification_send
from notifications.sms import MemorySms, international


@pytest.fixture(autouse=True)
def empty_outbox():
    MemorySms.outbox.clear()


class FakeGateway(BaseHTTPRequestHandler):
    """Answers as the server's `reply` says: (status, body, seconds to wait first)."""

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.received.append(
            {"headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
        )
        status, body, wait = self.server.reply
        time.sleep(wait)
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep the test output (and its phone numbers) quiet
        pass


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGateway)
    server.received = []
    server.reply = (200, {"error": 0, "message_id": "VT-778"}, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_PROVIDER = "http"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/api/send"
    settings.SMS_HTTP_TOKEN = "bi-mat"
    settings.SMS_HTTP_BRANDNAME = "UBND-XA-AN"
    settings.SMS_HTTP_TIMEOUT = 1
    yield server
    server.shutdown()
    server.server_close()


def sms(agency_code=""):
    return registry.get("sms", agency=agency_code)


def test_the_http_gateway_gets_the_message_in_international_form(gateway):
    assert sms().send(to="0912 345 678", text="Ho so X da co ket qua", reference="motcua-7") == (
        "VT-778"
    )
    [request] = gateway.received
    assert request["body"] == {
        "brandname": "UBND-XA-AN",
        "phone": "84912345678",
        "message": "Ho so X da co ket qua",
        "request_id": "motcua-7",
    }
    assert request["headers"]["Authorization"] == "Bearer bi-mat"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ((503, {"error": "busy"}, 0), "HTTP 503"),
        ((200, {"error": 12, "message": "brandname not registered"}, 0), "refused: 12"),
        ((200, ["not", "an", "object"], 0), "unreadable answer"),
        ((200, {"error": 0}, 1.5), "timeout"),  # slower than SMS_HTTP_TIMEOUT
    ],
)
def test_the_http_gateway_refusing_or_silent_is_a_delivery_error(gateway, reply, error):
    gateway.reply = reply
    with pytest.raises(DeliveryError, match=f"^{error}$"):
        sms().send(to="0912345678", text="x", reference="motcua-1")


def test_an_unreachable_gateway_is_a_delivery_error(gateway, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.SMS_HTTP_URL = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    with pytest.raises(DeliveryError, match="^unreachable$"):
        sms().send(to="0912345678", text="x", reference="motcua-1")


@pytest.mark.django_db
def test_a_message_sent_through_the_gateway_keeps_its_provider_and_reference(gateway):
    message = notification_send(channel="sms", to="0912345678", body="x", agency_code="A")
    assert message_deliver(message_id=message.pk) == Status.SENT
    message.refresh_from_db()
    assert (message.provider, message.provider_reference) == ("sms.http", "VT-778")


def test_an_agency_with_its_own_contract_gets_its_provider_and_the_others_the_default(settings):
    settings.SMS_PROVIDER = "console"
    settings.SMS_PROVIDER_BY_AGENCY = {"000.00.27.H01": "memory"}
    assert sms("000.00.27.H01").name == "sms.memory"
    assert sms("000.00.28.H01").name == "sms.console"
    settings.SMS_PROVIDER = ""
    assert sms().name == "sms.console"  # the demo when nothing is chosen
    assert registry.get("email").name == "email.django"


def test_a_mistyped_sms_provider_stops_the_process_at_start_up(settings):
    settings.SMS_PROVIDER = "htttp"
    [error] = [e for e in run_checks() if e.id == "core.E001"]
    assert "SMS_PROVIDER=htttp" in error.msg
    assert "console, file, http, memory" in error.msg


def test_international_form_of_phone_numbers():
    assert international("0912345678") == "84912345678"
    assert international("+84 912 345 678") == "84912345678"


@pytest.fixture
def silent_mail_server():
    """Accepts connections and never says a word, like a hung SMTP server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.django_db
def test_a_silent_mail_server_fails_the_attempt_after_email_timeout(settings, silent_mail_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent_mail_server
    settings.EMAIL_TIMEOUT = 1
    message = notification_send(channel="email", to="dan@example.vn", subject="s", body="b")
    assert message_deliver(message_id=message.pk) == Status.QUEUED
    message.refresh_from_db()
    # smtplib reports the timeout as the server going away; without the timeout the attempt
    # (and this test) would wait forever.
    assert message.error == "SMTPServerDisconnected"
    assert message.next_attempt_at is not None


@pytest.mark.django_db
def test_an_email_goes_through_djangos_backend_with_the_timeout(settings, monkeypatch):
    settings.EMAIL_TIMEOUT = 7
    opened = []
    from notifications import email

    real = email.get_connection

    def spy(**kwargs):
        opened.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(email, "get_connection", spy)
    message = notification_send(channel="email", to="dan@example.vn", subject="Hẹn", body="b")
    message_deliver(message_id=message.pk)
    assert opened == [{"timeout": 7}]
    assert [m.subject for m in mail.outbox] == ["Hẹn"]
    assert Notification.objects.get().provider == "email.django"
    assert MemorySms.outbox == []

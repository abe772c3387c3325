"""The `smtp` e-mail provider against a local SMTP server speaking RFC 5321 over a real socket:
the message as a mail server receives it (UTF-8 subject, our reference and Message-ID, AUTH),
and the server's refusals kept as codes staff can read, never with the address."""

import base64
import socketserver
import threading
from email import message_from_bytes, policy

import pytest

from notifications.delivery import message_deliver
from notifications.models import Status
from notifications.services import notification_send


class FakeSmtp(socketserver.StreamRequestHandler):
    """Enough of RFC 5321 and RFC 4954 (AUTH PLAIN) for one client: EHLO, AUTH, MAIL, RCPT,
    DATA, RSET, NOOP, QUIT. RCPT answers with the code the server's `rcpt_reply` gives."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 fake.mail.local ESMTP")
        envelope = {"rcpt": []}
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode().rstrip("\r\n")
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250-fake.mail.local")
                self.reply("250-AUTH PLAIN")
                self.reply("250 8BITMIME")
            elif verb == "AUTH":
                _, user, password = base64.b64decode(line.split()[2]).split(b"\0")
                server.logins.append((user.decode(), password.decode()))
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                envelope["from"] = line[10:].strip("<>")
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt"].append(line[8:].strip("<>"))
                self.reply(server.rcpt_reply)
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    body += chunk
                server.received.append(
                    {**envelope, "message": message_from_bytes(body, policy=policy.default)}
                )
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def mail_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeSmtp)
    server.daemon_threads = True
    server.received, server.logins, server.rcpt_reply = [], [], "250 OK"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EMAIL_PROVIDER = "smtp"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "motcua", "mat-khau-smtp"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    settings.DEFAULT_FROM_EMAIL = "motcua@xa-an.gov.vn"
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_the_mail_server_receives_the_message_in_vietnamese_with_our_reference(mail_server):
    message = notification_send(
        channel="email",
        to="binh.tran@example.vn",
        subject="Hồ sơ 000.00.70.H01-261208-0001 đã có kết quả",
        body="Kính gửi bà Trần Thị Bình: kết quả đã sẵn sàng tại Bộ phận Một cửa.",
    )
    assert message_deliver(message_id=message.pk) == Status.SENT
    (received,) = mail_server.received
    assert mail_server.logins == [("motcua", "mat-khau-smtp")]
    assert received["from"] == "motcua@xa-an.gov.vn"
    assert received["rcpt"] == ["binh.tran@example.vn"]
    mail = received["message"]
    # Django folds a long encoded subject onto the next line; unfolded, it starts with a space.
    assert mail["Subject"].strip() == "Hồ sơ 000.00.70.H01-261208-0001 đã có kết quả"
    assert mail["X-MotCua-Ref"] == f"motcua-{message.pk}"
    assert "Trần Thị Bình" in mail.get_content()
    message.refresh_from_db()
    assert message.provider == "email.smtp"
    assert message.provider_reference == mail["Message-ID"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rcpt_reply", "error"),
    [
        (
            "550 5.1.1 <binh.tran@example.vn>: mailbox unavailable",
            "DeliveryError: SMTP 550: recipient refused",
        ),
        ("451 4.3.0 try again later", "DeliveryError: SMTP 451: recipient refused"),
    ],
)
def test_a_refusal_is_kept_as_the_servers_code_without_the_address(mail_server, rcpt_reply, error):
    mail_server.rcpt_reply = rcpt_reply
    message = notification_send(channel="email", to="binh.tran@example.vn", subject="s", body="b")
    assert message_deliver(message_id=message.pk) == Status.QUEUED  # tried again later
    message.refresh_from_db()
    assert message.error == error
    assert "binh.tran" not in message.error
    assert mail_server.received == []


@pytest.mark.django_db
def test_a_closed_port_is_a_failed_attempt_retried_later(mail_server, settings):
    settings.EMAIL_PORT = 9  # discard: nothing listens here
    message = notification_send(channel="email", to="binh.tran@example.vn", subject="s", body="b")
    assert message_deliver(message_id=message.pk) == Status.QUEUED
    message.refresh_from_db()
    assert message.error == "ConnectionRefusedError"
    assert message.next_attempt_at is not None

"""The carriers' own protocols against local fake servers over real HTTP: Viettel's SOAP
`wsCpMt` (every field of the envelope checked by the fake), and a Zalo OA's ZNS template
message (the access_token header, the 84… phone, the template and its parameter). Failures
are delivery errors naming the code only, so delivery retries them and staff see them."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree

import pytest

from core.plugins import registry
from notifications.channels import DeliveryError
from notifications.delivery import message_deliver
from notifications.models import Status
from notifications.services import notification_send

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
VIETTEL_FIELDS = [
    "User", "Password", "CPCode", "RequestID", "UserID", "ReceiverID", "ServiceID",
    "CommandCode", "Content", "ContentType",
]  # fmt: skip


class FakeProvider(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.received.append({"headers": headers, "body": body})
        status, payload, content_type = self.server.reply(body)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeProvider)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _viettel_answer(result: str) -> bytes:
    return (
        f'<S:Envelope xmlns:S="{SOAP}"><S:Body><ns2:wsCpMtResponse xmlns:ns2="http://impl.bulkSms.ws/">'
        f"<return><message>x</message><result>{result}</result></return>"
        "</ns2:wsCpMtResponse></S:Body></S:Envelope>"
    ).encode()


def _viettel_reply(body: bytes):
    """Refuses (result 0) an envelope that is not a wsCpMt with every field of the protocol."""
    root = ElementTree.fromstring(body)
    call = root.find(f"{{{SOAP}}}Body/{{http://impl.bulkSms.ws/}}wsCpMt")
    fields = [child.tag for child in call] if call is not None else []
    ok = fields == VIETTEL_FIELDS
    return 200, _viettel_answer("1" if ok else "0"), "text/xml; charset=utf-8"


@pytest.fixture
def viettel(fake_server, settings):
    fake_server.reply = _viettel_reply
    settings.SMS_PROVIDER = "viettel"
    settings.SMS_VIETTEL_URL = f"http://127.0.0.1:{fake_server.server_port}/CcApi"
    settings.SMS_VIETTEL_USER = "ubnd-xa-an"
    settings.SMS_VIETTEL_PASSWORD = "mat<khau>&"
    settings.SMS_VIETTEL_CPCODE = "CP123"
    settings.SMS_VIETTEL_BRANDNAME = "UBND-XA-AN"
    settings.SMS_HTTP_TIMEOUT = 2
    return fake_server


def test_viettel_gets_a_wsCpMt_envelope_with_every_field(viettel):
    reference = registry.get("sms").send(
        to="0912345678", text="Ho so 000.00.01 da co ket qua", reference="motcua-7"
    )
    assert reference == "motcua-7"
    sent = viettel.received[0]
    assert sent["headers"]["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(sent["body"])
    call = root.find(f"{{{SOAP}}}Body/{{http://impl.bulkSms.ws/}}wsCpMt")
    values = {child.tag: child.text for child in call}
    assert values["UserID"] == values["ReceiverID"] == "84912345678"
    assert values["ServiceID"] == "UBND-XA-AN" and values["CommandCode"] == "bulksms"
    assert values["Password"] == "mat<khau>&"  # escaped in the XML, intact for the carrier
    assert values["ContentType"] == "0" and values["RequestID"] == "1"


def test_viettel_refusing_is_a_delivery_error_with_the_code_only(viettel):
    viettel.reply = lambda body: (200, _viettel_answer("-1"), "text/xml")
    with pytest.raises(DeliveryError, match=r"^refused: -1$"):
        registry.get("sms").send(to="0912345678", text="x", reference="motcua-1")
    viettel.reply = lambda body: (500, b"<html>loi 0912345678</html>", "text/html")
    with pytest.raises(DeliveryError, match="^HTTP 500$"):
        registry.get("sms").send(to="0912345678", text="x", reference="motcua-1")


def _zalo_reply(body: bytes):
    return (
        200,
        json.dumps({"error": 0, "message": "Success", "data": {"msg_id": "zns-91"}}).encode(),
        "application/json",
    )


@pytest.fixture
def zalo(fake_server, settings):
    fake_server.reply = _zalo_reply
    settings.SMS_PROVIDER = "zalo-zns"
    settings.ZALO_ZNS_URL = f"http://127.0.0.1:{fake_server.server_port}/message/template"
    settings.ZALO_OA_ACCESS_TOKEN = "oa-token"
    settings.ZALO_ZNS_TEMPLATE_ID = "248079"
    settings.ZALO_ZNS_TEXT_PARAM = "noi_dung"
    settings.SMS_HTTP_TIMEOUT = 2
    return fake_server


def test_zns_sends_the_template_with_the_text_by_phone_number(zalo):
    assert (
        registry.get("sms").send(
            to="0912 345 678", text="Ho so da co ket qua", reference="motcua-3"
        )
        == "zns-91"
    )
    sent = zalo.received[0]
    assert sent["headers"]["access_token"] == "oa-token"
    assert json.loads(sent["body"]) == {
        "phone": "84912345678",
        "template_id": "248079",
        "template_data": {"noi_dung": "Ho so da co ket qua"},
        "tracking_id": "motcua-3",
    }


@pytest.mark.django_db
def test_a_zns_refusal_is_retried_then_the_message_is_sent(zalo):
    zalo.reply = lambda body: (
        200,
        b'{"error": -124, "message": "Access token invalid"}',
        "application/json",
    )
    message = notification_send(channel="sms", to="0912345678", body="x", agency_code="A")
    assert message_deliver(message_id=message.pk) == Status.QUEUED  # retried later
    message.refresh_from_db()
    assert message.error.endswith("refused: -124")
    zalo.reply = _zalo_reply
    message.next_attempt_at = message.created_at
    message.save()
    assert message_deliver(message_id=message.pk) == Status.SENT
    message.refresh_from_db()
    assert (message.provider, message.provider_reference) == ("sms.zalo-zns", "zns-91")

"""The VNPost adapter against a fake LGSP started by the tests (real HTTP), and its signed
status callback: duplicate, out-of-order, forged and replayed calls (R22)."""

import base64
import contextlib
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.plugins import registry
from dossiers.models import Dossier, StatusChange
from dossiers.workflow import Action, State
from postal.carriers import vnpost
from postal.carriers.base import CarrierError
from postal.errors import PostalError
from postal.lifecycle import DeliveryState
from postal.models import Delivery, TrackingEvent
from postal.services_delivery import delivery_order
from postal.services_tracking import deliveries_poll
from postal.tests.helpers import received_by_post, to_result_ready

pytestmark = pytest.mark.django_db
SECRET = "bi-mat-goi-lai"


def _oid(at) -> str:
    return f"{int(at.timestamp()):08x}" + "0" * 16


class FakeLgsp(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        url = urlparse(self.path)
        server = self.server
        if url.path == "/token":
            server.token_calls += 1
            expected = base64.b64encode(b"khoa:bi-mat").decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                return self._answer(401, {"error": "invalid_client"})
            return self._answer(
                200, {"access_token": "tok-1", "token_type": "Bearer", "expires_in": 3600}
            )
        if self.headers.get("Authorization") != "Bearer tok-1":
            return self._answer(401, {"error": "invalid_token"})
        service = parse_qs(url.query).get("service", [""])[0]
        body = json.loads(raw)
        server.received.append((service, body))
        time.sleep(server.delay)
        if service == "price":
            return self._answer(200, {"TotalFee": 23000})
        if service == "order":
            return self._answer(200, server.order_reply)
        if service == "cancel":
            return self._answer(200, {"Status": "100"})
        if service == "tracking":
            documents = server.documents
            start = 0
            if body["lastId"] != "0" * 24:
                start = [d["id"]["oid"] for d in documents].index(body["lastId"]) + 1
            page = documents[start : start + body["pageSize"]]
            return self._answer(200, {"_embedded": {"rh_doc": page}})
        return self._answer(404, {})

    def _answer(self, status, body):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        # The client may have given up waiting (the timeout test).
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def lgsp(settings):
    cache.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLgsp)
    server.received, server.token_calls, server.delay, server.documents = [], 0, 0, []
    server.order_reply = {"Status": "100", "Message": "OK", "ItemCode": "EE000000014VN"}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    settings.POSTAL_CARRIER = "vnpost"
    settings.VNPOST_URL = f"{base}/lgsp"
    settings.VNPOST_TOKEN_URL = f"{base}/token"
    settings.VNPOST_CONSUMER_KEY = "khoa"
    settings.VNPOST_CONSUMER_SECRET = "bi-mat"
    settings.VNPOST_CUSTOMER_CODE = "KH-XA-AN"
    settings.VNPOST_CALLBACK_SECRET = SECRET
    settings.VNPOST_TIMEOUT = 1
    yield server
    server.shutdown()
    server.server_close()
    cache.clear()


def _ordered(office) -> Delivery:
    dossier = to_result_ready(office, received_by_post(office))
    Dossier.objects.filter(pk=dossier.pk).update(finished_at=timezone.now() - timedelta(hours=3))
    delivery = Delivery.objects.get(dossier=dossier)
    return delivery_order(
        delivery_id=delivery.pk, expected_version=delivery.version, user=office.pat
    )


def test_the_postage_comes_from_the_price_call_with_one_token(post_office, lgsp):
    dossier = received_by_post(post_office)
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.postage == 23000 and delivery.carrier == "postal.vnpost"
    assert (
        registry.get("postal").price(weight_grams=100, from_province="01", to_province="01")
        == 23000
    )
    assert lgsp.token_calls == 1  # cached until it expires


def test_the_order_carries_the_dossier_code_and_gets_the_item_number(post_office, lgsp):
    delivery = _ordered(post_office)
    assert delivery.state == DeliveryState.ORDERED
    assert delivery.item_number == "EE000000014VN"
    service, body = lgsp.received[-1]
    assert service == "order"
    assert body["OrderNumber"] == delivery.dossier.code == delivery.order_number
    assert body["CustomerCode"] == "KH-XA-AN" and body["CODAmount"] == 0
    assert body["ReceiverDistrict"] == post_office.hoankiem.code


def test_a_refused_order_changes_nothing(post_office, lgsp):
    lgsp.order_reply = {"Status": "99", "Message": "Sai mã khách hàng"}
    with pytest.raises(PostalError):
        _ordered(post_office)
    assert Delivery.objects.get().state == DeliveryState.REQUESTED


def test_a_slow_carrier_times_out(post_office, lgsp):
    received_by_post(post_office)
    lgsp.delay = 1.5
    with pytest.raises(CarrierError, match="timeout"):
        registry.get("postal").order_cancel(order_number="X")


def test_polling_pages_through_the_tracking_by_last_id(post_office, lgsp, monkeypatch):
    monkeypatch.setattr(vnpost, "PAGE_SIZE", 2)
    delivery = _ordered(post_office)
    start = timezone.now() - timedelta(hours=1)
    codes = [("7", 0), ("10", 10), ("99", 15), ("12", 20), ("14", 30)]
    lgsp.documents = [
        {
            "orderNumber": "someone-else",
            "statusCode": "14",
            "id": {"oid": _oid(start - timedelta(minutes=5))},
        }
    ] + [
        {
            "orderNumber": delivery.order_number,
            "statusCode": code,
            "statusMessage": "",
            "id": {"oid": _oid(start + timedelta(minutes=m))},
        }
        for code, m in codes
    ]
    assert deliveries_poll() == 4
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED
    assert Dossier.objects.get(pk=delivery.dossier_id).state == State.RETURNED
    tracking_pages = [body for service, body in lgsp.received if service == "tracking"]
    assert len(tracking_pages) == 4  # 6 documents, 2 a page, then an empty one
    assert tracking_pages[0]["lastId"] == "0" * 24


def _signed(client, body, *, secret=SECRET, at=None):
    raw = json.dumps(body).encode()
    timestamp = str(int(at if at is not None else time.time()))
    return client.post(
        reverse("postal:callback", args=["vnpost"]),
        raw,
        content_type="application/json",
        HTTP_X_MOTCUA_TIMESTAMP=timestamp,
        HTTP_X_MOTCUA_SIGNATURE=vnpost.callback_signature(secret, timestamp, raw),
    )


def _event(delivery, code, minutes, event_id):
    at = timezone.now() - timedelta(hours=1) + timedelta(minutes=minutes)
    return {
        "OrderNumber": delivery.order_number,
        "StatusCode": code,
        "StatusMessage": "Không có người nhận" if code == "15" else "",
        "EventId": event_id,
        "EventTime": at.isoformat(),
    }


def test_callbacks_duplicate_and_out_of_order_change_the_state_once_in_order(
    client, post_office, lgsp
):
    delivery = _ordered(post_office)
    assert _signed(client, _event(delivery, "12", 20, "e2")).status_code == 200
    assert _signed(client, _event(delivery, "12", 20, "e2")).json()["applied"] == 0  # duplicate
    assert _signed(client, _event(delivery, "10", 10, "e1")).json()["applied"] == 0  # older
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.OUT_FOR_DELIVERY
    assert TrackingEvent.objects.filter(delivery=delivery).count() == 2
    for event_id in ("e3", "e3", "e4"):  # "delivered" three times, twice the same call
        assert _signed(client, [_event(delivery, "14", 40, event_id)]).status_code == 200
    dossier = Dossier.objects.get(pk=delivery.dossier_id)
    assert dossier.state == State.RETURNED
    assert StatusChange.objects.filter(dossier=dossier, action=Action.RETURN_RESULT).count() == 1


def test_forged_and_replayed_callbacks_are_refused_and_audited(client, post_office, lgsp):
    delivery = _ordered(post_office)
    forged = _signed(client, _event(delivery, "14", 40, "x"), secret="doan-mo")
    assert forged.status_code == 403
    replayed = _signed(client, _event(delivery, "14", 40, "y"), at=time.time() - 3600)
    assert replayed.status_code == 403
    unsigned = client.post(
        reverse("postal:callback", args=["vnpost"]), b"{}", content_type="application/json"
    )
    assert unsigned.status_code == 403
    assert not TrackingEvent.objects.exists()
    assert Delivery.objects.get().state == DeliveryState.ORDERED
    assert AuditEvent.objects.filter(action="postal_callback_refused").count() == 3


def test_a_carrier_not_in_use_has_no_callback(client, post_office, settings):
    settings.POSTAL_CARRIER = ""
    response = client.post(
        reverse("postal:callback", args=["vnpost"]), b"{}", content_type="application/json"
    )
    assert response.status_code == 404


def test_object_ids_tell_the_time():
    assert vnpost.time_of_object_id("5f0c6d2b0000000000000000").year == 2020
    assert vnpost.time_of_object_id("nonsense") is None

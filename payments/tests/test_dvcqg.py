"""The national payment platform behind the same gateway interface: the checksum from the
published field orders (a vector computed by hand), the init message to a fake platform over
real HTTP (both answer shapes seen in open implementations), a platform that does not answer,
the confirmation (signed, replayed, forged, wrong amount, unknown partner) and the status query
used by the reconciliation task."""

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse

from core.models import AuditEvent
from payments.gateways.dvcqg import CONFIRM_ORDER, INIT_ORDER, STATUS_ORDER, checksum
from payments.models import GatewayAccount, PaymentAttempt, Receipt
from payments.reconcile import attempts_reconcile
from payments.states import AttemptState, ObligationState

pytestmark = pytest.mark.django_db
SECRET = "BI-MAT-DOI-TAC-XA-AN"


def test_the_checksum_is_sha256_of_the_pipe_joined_fields_then_the_secret():
    fields = {"LoaiBanTin": "STATUS", "PhienBan": "1.0.0", "MaDoiTac": "P1", "MaThamChieu": "TT1"}
    fields["ThoiGianGD"] = "20261208103000"
    text = "STATUS|1.0.0|P1|TT1|20261208103000|" + SECRET
    assert checksum(fields, STATUS_ORDER, SECRET) == hashlib.sha256(text.encode()).hexdigest()
    # A missing field is an empty element, never skipped: the positions stay fixed.
    assert (
        checksum({"MaLoi": "00"}, CONFIRM_ORDER, "k")
        == hashlib.sha256(("|00" + "|" * 8 + "|k").encode()).hexdigest()
    )


class FakePlatform(BaseHTTPRequestHandler):
    received: list = []
    shape = "direct"
    status = "3"

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakePlatform.received.append((self.path, body))
        if self.path == "/init":
            valid = body["MaXacThuc"] == checksum(body, INIT_ORDER, SECRET)
            inner = {"MaLoi": "00" if valid else "01", "UrlThanhToan": "https://pp.example/p/1"}
            answer = (
                {"error_code": "0", "message": json.dumps(inner)}
                if FakePlatform.shape == "wrapped"
                else inner
            )
        else:
            answer = {
                "LoaiBanTin": "STATUS",
                "MaLoi": "00",
                "MaDoiTac": body["MaDoiTac"],
                "MaThamChieu": body["MaThamChieu"],
                "SoTien": "8000",
                "MaTienTe": "VND",
                "MaGiaoDich": "PP000123",
                "MaNganHang": "VCB",
                "ThoiGianGD": "20261208103000",
                "ThongTinGiaoDich": "THANH TOAN",
                "TrangThaiGD": FakePlatform.status,
            }
            answer["MaXacThuc"] = checksum(answer, CONFIRM_ORDER, SECRET)
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def platform(office, monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), FakePlatform)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakePlatform.received, FakePlatform.shape, FakePlatform.status = [], "direct", "3"
    base = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("DVCQG_SECRET_TEST_A", SECRET)
    GatewayAccount.objects.create(
        agency=office.centre_a,
        gateway="dvcqg",
        merchant_code="PARTNER_A",
        secret_variable="DVCQG_SECRET_TEST_A",
        pay_url=f"{base}/init",
        api_url=f"{base}/status",
    )
    yield base
    server.shutdown()


def pay(client, dossier):
    obligation = dossier.obligations.get()
    return client.post(
        reverse("payments:pay"),
        {"ma": dossier.code, "kt": dossier.lookup_check, "khoan": obligation.pk},
    )


@pytest.mark.parametrize("shape", ["direct", "wrapped"])
def test_the_citizen_is_sent_to_the_address_the_platform_answers(client, dossier, platform, shape):
    FakePlatform.shape = shape
    response = pay(client, dossier)
    assert response.status_code == 302 and response["Location"] == "https://pp.example/p/1"
    path, sent = FakePlatform.received[0]
    attempt = PaymentAttempt.objects.get()
    assert path == "/init" and attempt.gateway == "dvcqg"
    assert sent["MaDoiTac"] == "PARTNER_A" and sent["MaThamChieu"] == attempt.reference
    assert sent["SoTien"] == 8000  # whole đồng, not ×100
    assert sent["ThongTinBienLai"]["MaHoSo"] == dossier.code
    assert sent["MaXacThuc"] == checksum(sent, INIT_ORDER, SECRET)


def test_a_platform_that_does_not_answer_ends_the_try_and_allows_another(client, dossier, office):
    GatewayAccount.objects.create(
        agency=office.centre_a,
        gateway="dvcqg",
        merchant_code="PARTNER_A",
        secret_variable="DVCQG_SECRET_TEST_A",
        pay_url="http://127.0.0.1:9/init",  # nothing listens there
    )
    response = pay(client, dossier)
    assert response.status_code == 400
    assert "Cổng thanh toán không trả lời" in response.content.decode()
    assert PaymentAttempt.objects.get().state == AttemptState.FAILED
    assert pay(client, dossier).status_code == 400  # a new try is possible at once


def confirmation(attempt, **changes):
    body = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": "00",
        "MaDoiTac": "PARTNER_A",
        "MaThamChieu": attempt.reference,
        "SoTien": str(attempt.amount),
        "MaTienTe": "VND",
        "MaGiaoDich": "PP000123",
        "MaNganHang": "VCB",
        "ThoiGianGD": "20261208103000",
        "ThongTinGiaoDich": "THANH TOAN HO SO",
    } | changes
    body["MaXacThuc"] = checksum(body, CONFIRM_ORDER, SECRET)
    return body


def confirm(client, body):
    response = client.post(
        reverse("payments:dvcqg_confirm"), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def test_a_signed_confirmation_pays_once_and_is_answered_signed(client, dossier, platform):
    pay(client, dossier)
    attempt = PaymentAttempt.objects.get()
    body = confirmation(attempt)
    answer = confirm(client, body)
    assert answer["MaLoi"] == "00" and answer["MaThamChieu"] == attempt.reference
    assert answer["MaXacThuc"] == checksum(
        answer, ("MaLoi", "MoTaLoi", "MaDoiTac", "MaThamChieu", "ThoiGianGD"), SECRET
    )
    assert [confirm(client, body)["MaLoi"] for _ in range(3)] == ["00"] * 3
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUCCEEDED and attempt.transaction_no == "PP000123"
    assert attempt.obligation.state == ObligationState.PAID and Receipt.objects.count() == 1


@pytest.mark.parametrize("tamper", ["checksum", "amount", "partner", "late"])
def test_forged_wrong_unknown_and_late_confirmations_are_refused_and_audited(
    client, dossier, platform, tamper
):
    pay(client, dossier)
    attempt = PaymentAttempt.objects.get()
    if tamper == "checksum":
        body = {**confirmation(attempt), "SoTien": "1"}
    elif tamper == "amount":
        body = confirmation(attempt, SoTien="7000")
    elif tamper == "partner":
        body = confirmation(attempt, MaDoiTac="SOMEONE_ELSE")
    else:
        assert confirm(client, confirmation(attempt, MaLoi="24", MaGiaoDich="0"))["MaLoi"] == "00"
        body = confirmation(attempt)
    assert confirm(client, body)["MaLoi"] == "99"
    attempt.refresh_from_db()
    assert attempt.state != AttemptState.SUCCEEDED and not Receipt.objects.exists()
    assert AuditEvent.objects.filter(action="payment_answer_refused").count() == 1


def test_a_message_that_is_not_json_is_a_clear_400(client, platform):
    response = client.post(
        reverse("payments:dvcqg_confirm"), "not json", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["MaLoi"] == "99"


def test_the_reconciliation_asks_the_platform_for_attempts_left_pending(client, dossier, platform):
    from datetime import timedelta

    from django.utils import timezone

    pay(client, dossier)
    later = timezone.now() + timedelta(minutes=16)
    assert attempts_reconcile(now=later) == {"settled": 0, "expired": 1, "errors": 0}
    pay(client, dossier)  # the first expired (the platform did not know it): try again
    FakePlatform.status = "1"
    assert attempts_reconcile(now=later + timedelta(minutes=16))["settled"] == 1
    paid = PaymentAttempt.objects.get(state=AttemptState.SUCCEEDED)
    assert paid.transaction_no == "PP000123" and Receipt.objects.count() == 1
    assert FakePlatform.received[-1][0] == "/status"

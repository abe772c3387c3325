"""VNPay 2.1.0: signatures computed from the published rules, the IPN's decisions and exact
answers, repeated and racing IPNs, and querydr against a fake VNPay over real HTTP."""

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse

from core.actors import Actor
from core.models import AuditEvent
from payments.gateways.vnpay import (
    QUERYDR_ANSWER_FIELDS,
    VNPayGateway,
    canonical_query,
    querydr_hash,
    sign,
    signature_valid,
    vn_time,
)
from payments.models import PaymentAttempt, Receipt
from payments.services_payments import attempt_start
from payments.states import AttemptState, ObligationState

SECRET = "SECRETKEY0123456789ABCDEFGHIJKLMN"
TMN = "MOTCUA01"
VNPAY = override_settings(VNPAY_TMN_CODE=TMN, VNPAY_HASH_SECRET=SECRET)


# --- Vectors from the published rules --------------------------------------------------------


def test_the_signed_string_is_sorted_form_encoded_and_skips_empty_and_hash_fields():
    params = {
        "vnp_TxnRef": "TT123",
        "vnp_Amount": 15000000,
        "vnp_OrderInfo": "Thanh toan ho so: 000.00.17.H01-260213-0001",
        "vnp_BankCode": "",
        "vnp_SecureHash": "ignored",
        "vnp_ReturnUrl": "https://motcua.example/thanh-toan/vnpay/tra-ve/?a=1~2",
        "other": "not vnp",
    }
    assert canonical_query(params) == (
        "vnp_Amount=15000000"
        "&vnp_OrderInfo=Thanh+toan+ho+so%3A+000.00.17.H01-260213-0001"
        "&vnp_ReturnUrl=https%3A%2F%2Fmotcua.example%2Fthanh-toan%2Fvnpay%2Ftra-ve%2F%3Fa%3D1%7E2"
        "&vnp_TxnRef=TT123"
    )


def test_the_signature_is_hmac_sha512_hex_of_that_string():
    data = "vnp_Amount=1000000&vnp_TxnRef=ABC"
    expected = hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    assert sign(data, SECRET) == expected and len(expected) == 128


def test_vietnam_time_is_utc_plus_seven():
    assert vn_time(datetime(2026, 12, 7, 18, 30, 5, tzinfo=UTC)) == "20261208013005"


def test_querydr_hash_is_over_the_pipe_joined_fields_in_the_published_order():
    fields = {
        "vnp_RequestId": "R1",
        "vnp_Version": "2.1.0",
        "vnp_Command": "querydr",
        "vnp_TmnCode": TMN,
        "vnp_TxnRef": "TT1",
        "vnp_TransactionDate": "20261208010000",
        "vnp_CreateDate": "20261208011500",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_OrderInfo": "x",
    }
    data = f"R1|2.1.0|querydr|{TMN}|TT1|20261208010000|20261208011500|127.0.0.1|x"
    assert querydr_hash(fields, SECRET) == sign(data, SECRET)


# --- The pay URL and the IPN ---------------------------------------------------------------


def started(office, dossier):
    obligation = dossier.obligations.get()
    return attempt_start(
        obligation_id=obligation.pk, method="online", gateway="vnpay", actor=Actor.applicant()
    )


@VNPAY
@pytest.mark.django_db
def test_the_pay_url_carries_the_amount_times_100_and_verifies(office, dossier):
    attempt = started(office, dossier)
    url = VNPayGateway().start(attempt, return_url="https://x/tra-ve/", client_ip="1.2.3.4")
    params = dict(parse_qsl(urlsplit(url.redirect_url).query))
    assert params["vnp_Amount"] == "800000" and params["vnp_TxnRef"] == attempt.reference
    assert params["vnp_Version"] == "2.1.0" and "vnp_SecureHashType" not in params
    assert signature_valid(params, SECRET)


def ipn_params(attempt, *, amount=None, response="00", status="00", transaction="14000001"):
    params = {
        "vnp_TmnCode": TMN,
        "vnp_Amount": str((attempt.amount if amount is None else amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14000001",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Thanh toan ho so",
        "vnp_PayDate": "20261208103000",
        "vnp_ResponseCode": response,
        "vnp_TransactionNo": transaction,
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": attempt.reference,
    }
    params["vnp_SecureHash"] = sign(canonical_query(params), SECRET)
    return params


def ipn(client, params):
    response = client.get(reverse("payments:vnpay_ipn"), params)
    assert response.status_code == 200
    return response.json()


@VNPAY
@pytest.mark.django_db
def test_a_signed_success_pays_once_and_repeats_are_already_confirmed(client, office, dossier):
    attempt = started(office, dossier)
    params = ipn_params(attempt)
    assert ipn(client, params) == {"RspCode": "00", "Message": "Confirm Success"}
    for _ in range(9):
        assert ipn(client, params) == {"RspCode": "02", "Message": "Order already confirmed"}
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUCCEEDED and attempt.transaction_no == "14000001"
    assert attempt.raw_answer["vnp_SecureHash"] == params["vnp_SecureHash"]
    assert attempt.obligation.state == ObligationState.PAID
    assert Receipt.objects.count() == 1
    # The browser's return shows; it decides nothing.
    back = client.get(reverse("payments:vnpay_return"), params)
    assert back["Location"] == reverse("payments:result", args=[attempt.reference])


@VNPAY
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tamper", "code"),
    [("signature", "97"), ("amount", "04"), ("unknown", "01"), ("merchant", "97")],
)
def test_forged_wrong_and_unknown_answers_are_refused_and_audited(
    client, office, dossier, tamper, code
):
    attempt = started(office, dossier)
    params = ipn_params(attempt)
    if tamper == "signature":
        params["vnp_SecureHash"] = sign("forged", SECRET)
    elif tamper == "amount":
        params = ipn_params(attempt, amount=attempt.amount - 1000)
    elif tamper == "unknown":
        params["vnp_TxnRef"] = "TTNOTOURS"
        params["vnp_SecureHash"] = sign(canonical_query(params), SECRET)
    else:  # signed with another merchant's secret
        params["vnp_SecureHash"] = sign(canonical_query(params), "another secret")
    assert ipn(client, params)["RspCode"] == code
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.PENDING and not Receipt.objects.exists()
    refused = AuditEvent.objects.get(action="payment_answer_refused")
    assert refused.new_values["raw"]["vnp_TxnRef"] == params["vnp_TxnRef"]


@VNPAY
@pytest.mark.django_db
def test_a_failure_is_recorded_then_a_late_success_for_it_is_refused(client, office, dossier):
    attempt = started(office, dossier)
    assert ipn(client, ipn_params(attempt, response="24", status="02"))["RspCode"] == "00"
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FAILED
    late = ipn_params(attempt, transaction="14000099")
    assert ipn(client, late)["RspCode"] == "02"
    assert attempt.obligation.state == ObligationState.DUE
    assert AuditEvent.objects.filter(action="payment_answer_refused").count() == 1
    # The citizen may try again.
    again = started(office, dossier)
    assert ipn(client, ipn_params(again, transaction="14000100"))["RspCode"] == "00"


@VNPAY
@pytest.mark.django_db
def test_a_forged_return_url_says_so(client, office, dossier):
    params = ipn_params(started(office, dossier))
    params["vnp_Amount"] = "100"
    response = client.get(reverse("payments:vnpay_return"), params)
    assert response.status_code == 400
    assert PaymentAttempt.objects.get().state == AttemptState.PENDING


# --- querydr against a fake VNPay over HTTP ------------------------------------------------


class FakeVNPay(BaseHTTPRequestHandler):
    answers: dict = {}
    requests: list = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeVNPay.requests.append(body)
        valid = body.get("vnp_SecureHash") == querydr_hash(body, SECRET)
        status = self.answers.get(body["vnp_TxnRef"], "01")
        answer = {
            "vnp_ResponseId": "R",
            "vnp_Command": "querydr",
            "vnp_ResponseCode": "00" if valid else "97",
            "vnp_Message": "ok",
            "vnp_TmnCode": TMN,
            "vnp_TxnRef": body["vnp_TxnRef"],
            "vnp_Amount": "800000",
            "vnp_BankCode": "NCB",
            "vnp_PayDate": "20261208103000",
            "vnp_TransactionNo": "14000777",
            "vnp_TransactionType": "01",
            "vnp_TransactionStatus": status,
            "vnp_OrderInfo": body["vnp_OrderInfo"],
            "vnp_PromotionCode": "",
            "vnp_PromotionAmount": "",
        }
        order = QUERYDR_ANSWER_FIELDS
        answer["vnp_SecureHash"] = sign("|".join(answer[k] for k in order), SECRET)
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_vnpay():
    server = HTTPServer(("127.0.0.1", 0), FakeVNPay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeVNPay.answers, FakeVNPay.requests = {}, []
    yield f"http://127.0.0.1:{server.server_port}/merchant_webapi/api/transaction"
    server.shutdown()


@pytest.mark.django_db
def test_querydr_asks_vnpay_over_http_and_reads_its_signed_answer(office, dossier, fake_vnpay):
    attempt = started(office, dossier)
    with override_settings(VNPAY_TMN_CODE=TMN, VNPAY_HASH_SECRET=SECRET, VNPAY_API_URL=fake_vnpay):
        assert VNPayGateway().query(attempt) is None  # "01": not completed yet
        FakeVNPay.answers[attempt.reference] = "00"
        answer = VNPayGateway().query(attempt)
    assert FakeVNPay.requests[0]["vnp_Command"] == "querydr"
    assert answer["outcome"] == AttemptState.SUCCEEDED
    assert (answer["amount"], answer["transaction_no"]) == (8000, "14000777")

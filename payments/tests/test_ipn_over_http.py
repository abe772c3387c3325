"""VNPay's IPN over real HTTP (the live server), with merchant accounts per agency: each
agency's account from its configuration row, its secret from the environment variable the row
names. A signed success pays once however often it is replayed; a wrong amount, a bad signature,
another agency's merchant and a late answer are refused, audited and change nothing."""

import json
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from core.actors import Actor
from core.models import AuditEvent
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from payments.gateways.vnpay import VNPayGateway, canonical_query, sign, signature_valid
from payments.models import GatewayAccount, PaymentAttempt, Receipt
from payments.services_obligations import obligations_ensure
from payments.services_payments import attempt_start
from payments.states import AttemptState, ObligationState

pytestmark = pytest.mark.django_db(transaction=True)

SECRET_A, SECRET_B = "SECRET-OF-COMMUNE-A-0123456789AB", "SECRET-OF-COMMUNE-B-0123456789AB"


@pytest.fixture
def accounts(office, monkeypatch):
    """Commune A and commune B each with their own VNPay merchant; no deployment account."""
    monkeypatch.setenv("VNPAY_SECRET_TEST_A", SECRET_A)
    monkeypatch.setenv("VNPAY_SECRET_TEST_B", SECRET_B)
    GatewayAccount.objects.create(
        agency=office.centre_a, merchant_code="XAAN0001", secret_variable="VNPAY_SECRET_TEST_A"
    )
    GatewayAccount.objects.create(
        agency=office.centre_b, merchant_code="XABINH01", secret_variable="VNPAY_SECRET_TEST_B"
    )
    return office


def attempt_of(office, agency=None, actor=None):
    dossier = dossier_receive(
        reception=reception_for(office, receiving_agency=agency or office.centre_a),
        actor=actor or office.alice,
    )
    (obligation,) = obligations_ensure(dossier=dossier)
    return attempt_start(
        obligation_id=obligation.pk, method="online", gateway="vnpay", actor=Actor.applicant()
    )


def ipn_params(attempt, *, tmn="XAAN0001", secret=SECRET_A, amount=None, status="00", no="1"):
    params = {
        "vnp_TmnCode": tmn,
        "vnp_Amount": str((attempt.amount if amount is None else amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Thanh toan ho so",
        "vnp_PayDate": "20261208103000",
        "vnp_ResponseCode": status,
        "vnp_TransactionNo": no,
        "vnp_TransactionStatus": status,
        "vnp_TxnRef": attempt.reference,
    }
    params["vnp_SecureHash"] = sign(canonical_query(params), secret)
    return params


def ipn(live_server, params) -> str:
    """GET the IPN as VNPay's server does; the RspCode of the JSON answer."""
    url = f"{live_server.url}/thanh-toan/vnpay/ipn/?{urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the live server
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/json")
        return json.loads(response.read())["RspCode"]


def test_the_pay_url_is_signed_with_the_agencys_own_account(accounts):
    attempt = attempt_of(accounts)
    url = VNPayGateway().start(attempt, return_url="https://x/", client_ip="1.2.3.4").redirect_url
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_TmnCode"] == "XAAN0001"
    assert signature_valid(params, SECRET_A) and not signature_valid(params, SECRET_B)


def test_a_success_pays_once_however_often_it_is_replayed(live_server, accounts):
    attempt = attempt_of(accounts)
    params = ipn_params(attempt)
    assert ipn(live_server, params) == "00"
    assert [ipn(live_server, params) for _ in range(5)] == ["02"] * 5
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUCCEEDED
    assert attempt.obligation.state == ObligationState.PAID
    assert Receipt.objects.count() == 1
    assert not AuditEvent.objects.filter(action="payment_answer_refused").exists()


@pytest.mark.parametrize(
    ("tamper", "code"),
    [
        ("wrong amount", "04"),
        ("bad signature", "97"),
        ("signed with commune B's secret", "97"),
        ("commune B's merchant for commune A's attempt", "01"),
        ("unknown merchant", "97"),
    ],
)
def test_refused_answers_change_nothing_and_are_audited(live_server, accounts, tamper, code):
    attempt = attempt_of(accounts)
    params = {
        "wrong amount": lambda: ipn_params(attempt, amount=attempt.amount - 1000),
        "bad signature": lambda: {**ipn_params(attempt), "vnp_SecureHash": "0" * 128},
        "signed with commune B's secret": lambda: ipn_params(attempt, secret=SECRET_B),
        "commune B's merchant for commune A's attempt": lambda: ipn_params(
            attempt, tmn="XABINH01", secret=SECRET_B
        ),
        "unknown merchant": lambda: ipn_params(attempt, tmn="NOTOURS1", secret=SECRET_A),
    }[tamper]()
    assert ipn(live_server, params) == code
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.PENDING and not Receipt.objects.exists()
    refused = AuditEvent.objects.get(action="payment_answer_refused")
    assert refused.new_values["raw"]["vnp_TxnRef"] == attempt.reference


def test_commune_bs_answer_pays_commune_bs_attempt(live_server, accounts):
    attempt = attempt_of(accounts, agency=accounts.centre_b, actor=accounts.bob)
    assert ipn(live_server, ipn_params(attempt, tmn="XABINH01", secret=SECRET_B)) == "00"
    assert PaymentAttempt.objects.get().state == AttemptState.SUCCEEDED


def test_a_late_success_after_a_failure_is_refused(live_server, accounts):
    attempt = attempt_of(accounts)
    assert ipn(live_server, ipn_params(attempt, status="24", no="0")) == "00"
    assert ipn(live_server, ipn_params(attempt, no="77")) == "02"
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FAILED
    assert attempt.obligation.state == ObligationState.DUE
    assert AuditEvent.objects.filter(action="payment_answer_refused").count() == 1


def test_without_the_secret_in_the_environment_nothing_is_accepted(
    live_server, accounts, monkeypatch
):
    monkeypatch.delenv("VNPAY_SECRET_TEST_A")
    attempt = attempt_of(accounts)
    assert ipn(live_server, ipn_params(attempt)) == "97"
    assert PaymentAttempt.objects.get().state == AttemptState.PENDING


def test_the_citizen_is_sent_to_the_agencys_own_gateway_address(client, accounts):
    GatewayAccount.objects.filter(merchant_code="XAAN0001").update(
        pay_url="https://pay.example.test/vpcpay.html"
    )
    dossier = dossier_receive(reception=reception_for(accounts), actor=accounts.alice)
    (obligation,) = obligations_ensure(dossier=dossier)
    response = client.post(
        "/thanh-toan/ho-so/",
        {"ma": dossier.code, "kt": dossier.lookup_check, "khoan": obligation.pk},
    )
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (
        f"{target.scheme}://{target.netloc}{target.path}" == "https://pay.example.test/vpcpay.html"
    )
    assert dict(parse_qsl(target.query))["vnp_TmnCode"] == "XAAN0001"
    assert PaymentAttempt.objects.get().gateway == "vnpay"

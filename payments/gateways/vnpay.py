"""VNPay, API version 2.1.0, from its published integration guide (docs/payments.md cites it).

- Pay URL: every vnp_* parameter, sorted by key, form-URL-encoded (space as "+", "~" as "%7E"
  as PHP's urlencode writes it), signed with HMAC-SHA512 of that query string under the
  merchant's hash secret, lower-case hex, appended as vnp_SecureHash. Amount × 100; dates
  yyyyMMddHHmmss in Vietnam time.
- Return URL (the browser): shown, never decides.
- IPN (server to server, GET): decides, answering the JSON codes of VNPay's own demo, in its
  order: 97 bad checksum, 01 order not found, 04 invalid amount, 02 already confirmed, 00
  recorded (whether the payment succeeded or not), 99 anything else.
- querydr (POST JSON, pipe-joined hash input) for attempts left pending.
"""

import hashlib
import hmac
import json
import logging
import secrets
import urllib.request
from datetime import datetime
from urllib.parse import quote_plus

from django.utils import timezone

from core.actors import Actor
from core.plugins import registry
from core.workdays import to_vietnam_time
from payments.gateways.accounts import deployment_merchant, merchant_for_agency, merchant_named
from payments.gateways.base import ATTEMPT_LIFETIME, PaymentGateway, Start
from payments.models import PaymentAttempt
from payments.services_payments import Answer, attempt_settle, payment_refusal_audit
from payments.services_shared import PaymentError
from payments.states import ATTEMPT_FINAL, AttemptState

logger = logging.getLogger(__name__)

VERSION = "2.1.0"
ACTOR = Actor.external("payment.vnpay")
# The hash inputs of querydr, pipe-joined in this order (request, then VNPay's answer).
QUERYDR_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERYDR_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


# --- Signing (pure) ------------------------------------------------------------------------


def _encode(value: str) -> str:
    return quote_plus(str(value), safe="").replace("~", "%7E")


def canonical_query(params: dict) -> str:
    """The string VNPay signs: vnp_* parameters but the hash ones, non-empty, sorted by key,
    each key and value form-URL-encoded, joined by "&"."""
    items = sorted(
        (key, value)
        for key, value in params.items()
        if key.startswith("vnp_")
        and key not in ("vnp_SecureHash", "vnp_SecureHashType")
        and value not in (None, "")
    )
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in items)


def sign(data: str, secret: str) -> str:
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def signature_valid(params: dict, secret: str) -> bool:
    given = str(params.get("vnp_SecureHash", "")).lower()
    return bool(given) and hmac.compare_digest(given, sign(canonical_query(params), secret))


def vn_time(moment: datetime) -> str:
    return to_vietnam_time(moment).strftime("%Y%m%d%H%M%S")


def pay_url(*, base: str, params: dict, secret: str) -> str:
    query = canonical_query(params)
    return f"{base}?{query}&vnp_SecureHash={sign(query, secret)}"


def querydr_hash(fields: dict, secret: str) -> str:
    order = QUERYDR_FIELDS
    return sign("|".join(str(fields.get(key, "")) for key in order), secret)


def querydr_answer_valid(answer: dict, secret: str) -> bool:
    order = QUERYDR_ANSWER_FIELDS
    expected = sign("|".join(str(answer.get(key, "") or "") for key in order), secret)
    return hmac.compare_digest(str(answer.get("vnp_SecureHash", "")).lower(), expected)


# --- The plugin ----------------------------------------------------------------------------


def _config(agency_code: str = "") -> dict:
    """The merchant account of the collecting agency (payments.gateways.accounts)."""
    merchant = (
        merchant_for_agency("vnpay", agency_code) if agency_code else deployment_merchant("vnpay")
    )
    return _as_dict(merchant)


def _as_dict(merchant) -> dict:
    return {
        "tmn_code": merchant.merchant_code,
        "secret": merchant.secret,
        "pay_url": merchant.pay_url,
        "api_url": merchant.api_url,
    }


def order_info(attempt) -> str:
    """Unaccented, no special characters, as VNPay asks."""
    return f"Thanh toan ho so {attempt.obligation.dossier.code} {attempt.reference}"


@registry.register("payment", "vnpay")
class VNPayGateway(PaymentGateway):
    verbose_name = "VNPay 2.1.0"

    def start(self, attempt, *, return_url: str, client_ip: str) -> Start:
        config = _config(attempt.obligation.agency.code)
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": config["tmn_code"],
            "vnp_Amount": attempt.amount * 100,
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": attempt.reference,
            "vnp_OrderInfo": order_info(attempt),
            "vnp_OrderType": "billpayment",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": vn_time(attempt.created_at),
            "vnp_ExpireDate": vn_time(attempt.created_at + ATTEMPT_LIFETIME),
        }
        return Start(pay_url(base=config["pay_url"], params=params, secret=config["secret"]))

    def query(self, attempt) -> dict | None:
        """querydr over HTTP (10 s timeout); None when VNPay's answer is unsigned, unknown or
        says the payment is not finished."""
        config = _config(attempt.obligation.agency.code)
        now = timezone.now()
        fields = {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": config["tmn_code"],
            "vnp_TxnRef": attempt.reference,
            "vnp_OrderInfo": order_info(attempt),
            "vnp_TransactionDate": vn_time(attempt.created_at),
            "vnp_CreateDate": vn_time(now),
            "vnp_IpAddr": "127.0.0.1",
        }
        fields["vnp_SecureHash"] = querydr_hash(fields, config["secret"])
        request = urllib.request.Request(  # noqa: S310 - the configured https endpoint
            config["api_url"],
            data=json.dumps(fields).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        # The address is the deployment's own setting (VNPay's https API), never a user's input.
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 # nosec B310
            answer = json.loads(response.read().decode("utf-8"))
        if not querydr_answer_valid(answer, config["secret"]):
            logger.warning("VNPay querydr answer with a bad checksum for %s", attempt.reference)
            return None
        if answer.get("vnp_ResponseCode") != "00":
            return None
        status = answer.get("vnp_TransactionStatus")
        if status == "01":  # not completed yet
            return None
        outcome = AttemptState.SUCCEEDED if status == "00" else AttemptState.FAILED
        return {
            "outcome": outcome,
            "amount": int(answer.get("vnp_Amount") or 0) // 100,
            "transaction_no": str(answer.get("vnp_TransactionNo") or ""),
            "raw": answer,
        }


# --- The IPN -------------------------------------------------------------------------------

ANSWERS = {
    "00": "Confirm Success",
    "01": "Order not found",
    "02": "Order already confirmed",
    "04": "Invalid amount",
    "97": "Invalid signature",
    "99": "Unknown error",
}


def ipn_handle(params: dict) -> tuple[str, str]:
    """Decide an attempt from VNPay's IPN; (RspCode, Message) to answer. Refusals are audited
    with the raw parameters, for staff to see."""
    raw = {key: str(value) for key, value in params.items()}
    reference = raw.get("vnp_TxnRef", "")
    # The answer names its merchant: its signature is checked with that account's secret, and
    # the attempt must be one of that account's agency.
    merchant = merchant_named("vnpay", raw.get("vnp_TmnCode", ""))
    config = _as_dict(merchant) if merchant else {"secret": "", "tmn_code": ""}
    answer = Answer(
        outcome=AttemptState.SUCCEEDED
        if raw.get("vnp_ResponseCode") == "00" and raw.get("vnp_TransactionStatus") == "00"
        else AttemptState.FAILED,
        amount=int(raw["vnp_Amount"]) // 100 if raw.get("vnp_Amount", "").isdigit() else None,
        transaction_no=raw.get("vnp_TransactionNo", "")[:64],
        raw=raw,
    )

    def refuse(code: str, why: str, attempt=None) -> tuple[str, str]:
        payment_refusal_audit(
            reference=reference, reason=why, answer=answer, actor=ACTOR, attempt=attempt
        )
        return code, ANSWERS[code]

    if not config["secret"] or not signature_valid(raw, config["secret"]):
        return refuse("97", "bad signature")
    attempt = (
        PaymentAttempt.objects.select_related("obligation__agency")
        .filter(reference=reference, gateway="vnpay")
        .first()
    )
    if attempt is None or (
        merchant_for_agency("vnpay", attempt.obligation.agency.code).merchant_code
        != config["tmn_code"]
    ):
        return refuse("01", "unknown order")
    if (
        answer.amount is None
        or answer.amount * 100 != int(raw["vnp_Amount"])
        or (answer.amount != attempt.amount)
    ):
        return refuse("04", "amount differs", attempt)
    if attempt.state in ATTEMPT_FINAL:
        if attempt.state != answer.outcome or attempt.transaction_no != answer.transaction_no:
            return refuse("02", "late or conflicting answer", attempt)
        return "02", ANSWERS["02"]
    try:
        settled = attempt_settle(reference=reference, answer=answer, actor=ACTOR)
    except PaymentError:
        # Settled by a racing IPN or the query task between our read and our lock.
        return "02", ANSWERS["02"]
    return ("00", ANSWERS["00"]) if settled.applied else ("02", ANSWERS["02"])

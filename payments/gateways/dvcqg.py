"""The national public-service portal's payment platform ("Nền tảng thanh toán" of DVCQG), as
far as its protocol is visible in two open implementations (OpenCPS's `ppdvcqg` flow and a
provincial system, both read for INTEGRATIONS.md §2.2). No official specification is public:
docs/payments.md lists what could not be confirmed; those values are settings, not guesses in
code.

- Messages are JSON, POSTed; amounts in whole đồng (no ×100).
- `MaXacThuc` = SHA-256 (lowercase hex) of the listed fields joined by "|" with the partner's
  secret appended as the last element — a plain hash, not an HMAC.
- init → the platform answers the address to send the citizen to (`UrlThanhToan`), either
  directly or inside a `{error_code, message: "<json>"}` wrapper (the two implementations
  differ; both are read).
- confirm: the platform POSTs the result to us (`payments:dvcqg_confirm`); a bad checksum is
  refused (as the provincial system does; OpenCPS ignores it).
- status: `TrangThaiGD` 1 paid, 3 not known yet, 4 failed; used by the reconciliation task.
"""

import contextlib
import hashlib
import hmac
import json
import logging
import urllib.request

from django.conf import settings
from django.utils import timezone

from core.actors import Actor
from core.plugins import registry
from core.workdays import to_vietnam_time
from payments.gateways.accounts import merchant_for_agency, merchant_named
from payments.gateways.base import PaymentGateway, Start
from payments.models import PaymentAttempt
from payments.services_payments import Answer, attempt_settle, payment_refusal_audit
from payments.services_shared import PaymentError
from payments.states import ATTEMPT_FINAL, AttemptState

logger = logging.getLogger(__name__)
ACTOR = Actor.external("payment.dvcqg")
KEY = "dvcqg"

INIT_ORDER = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
CONFIRM_ORDER = (
    "LoaiBanTin",
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaTienTe",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
    "ThongTinGiaoDich",
)
STATUS_ORDER = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
# Not confirmed by either implementation: we sign our reply over its fields in this order.
REPLY_ORDER = ("MaLoi", "MoTaLoi", "MaDoiTac", "MaThamChieu", "ThoiGianGD")

# The message constants are configuration in both implementations; their literal values are not
# public. The deployment sets them (DVCQG_PP_CONSTANTS); these stand-ins say what each is.
CONSTANTS = {
    "init_type": "INIT",
    "status_type": "STATUS",
    "version": "1.0.0",
    "payment_type": "",
    "channel": "",
    "device": "",
    "language": "vi",
    "currency": "VND",
    "bank": "",
}
STATUS = {"1": AttemptState.SUCCEEDED, "4": AttemptState.FAILED}  # "3": not known yet


def checksum(fields: dict, order: tuple, secret: str) -> str:
    """SHA-256 hex of the fields in `order`, "|"-joined, with the secret as the last element."""
    values = [str(fields.get(name, "") if fields.get(name) is not None else "") for name in order]
    return hashlib.sha256("|".join([*values, secret]).encode("utf-8")).hexdigest()


def checksum_valid(fields: dict, order: tuple, secret: str) -> bool:
    given = str(fields.get("MaXacThuc", "")).lower()
    return bool(secret and given) and hmac.compare_digest(given, checksum(fields, order, secret))


def constants() -> dict:
    return CONSTANTS | (getattr(settings, "DVCQG_PP_CONSTANTS", None) or {})


def vn_time(moment) -> str:
    return to_vietnam_time(moment).strftime("%Y%m%d%H%M%S")


def _post(url: str, message: dict) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the configured platform address
        url,
        data=json.dumps(message, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    # The address is the deployment's own setting or its agency's row, never a user's input.
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 # nosec B310
        return json.loads(response.read(1_000_000).decode("utf-8"))


def _unwrap(answer: dict) -> dict:
    """The provincial system's `{error_code, message: "<json>"}` wrapper, or the message."""
    inner = answer.get("message")
    if "error_code" in answer and isinstance(inner, str):
        try:
            decoded = json.loads(inner)
        except ValueError:
            return {"MaLoi": str(answer.get("error_code")), "MoTaLoi": inner}
        if isinstance(decoded, dict):
            return {"MaLoi": "00" if str(answer["error_code"]) == "0" else "99", **decoded}
    return answer


def receipt_info(attempt) -> dict:
    """`ThongTinBienLai`: what the platform needs to issue its receipt (fees: MaDichVu 2)."""
    obligation = attempt.obligation
    dossier = obligation.dossier
    return {
        "MaDichVu": "2",
        "MaTTHC": dossier.procedure_version.procedure.national_code,
        "TenTTHC": dossier.procedure_version.name[:250],
        "MaHoSo": dossier.code,
        "MaDonVi": obligation.agency.code,
        "TenDonVi": obligation.agency.name,
        "PhiLePhi": [
            {"LoaiPhiLePhi": "2", "TenPhiLePhi": obligation.name, "SoTien": obligation.amount}
        ],
        "HoTenNguoiNop": attempt.payer_name or "",
        "NoiDungThanhToan": f"THANH TOAN HO SO {dossier.code}",
        "DSKhoanNop": [{"NoiDung": obligation.name, "SoTien": obligation.amount}],
    }


@registry.register("payment", KEY)
class DVCQGPaymentPlatform(PaymentGateway):
    verbose_name = "Nền tảng thanh toán DVCQG (protocol as far as public)"

    def start(self, attempt, *, return_url: str, client_ip: str) -> Start:
        merchant = merchant_for_agency(KEY, attempt.obligation.agency.code)
        c = constants()
        message = {
            "LoaiBanTin": c["init_type"],
            "PhienBan": c["version"],
            "MaDoiTac": merchant.merchant_code,
            "MaThamChieu": attempt.reference[:20],
            "SoTien": attempt.amount,
            "LoaiHinhThanhToan": c["payment_type"],
            "MaKenhThanhToan": c["channel"],
            "MaThietBi": c["device"],
            "NgonNgu": c["language"],
            "MaTienTe": c["currency"],
            "MaNganHang": c["bank"],
            "ThongTinGiaoDich": f"THANH TOAN HO SO {attempt.obligation.dossier.code}",
            "ThoiGianGD": vn_time(attempt.created_at),
            "Ip": client_ip or "127.0.0.1",
            "UrlTraVe": return_url,  # not in the checksum; an addition of ours
            "ThongTinBienLai": receipt_info(attempt),
        }
        message["MaXacThuc"] = checksum(message, INIT_ORDER, merchant.secret)
        answer = _unwrap(_post(merchant.pay_url, message))
        url = str(answer.get("UrlThanhToan") or "")
        if answer.get("MaLoi") not in ("00", "0") or not url.startswith("https://"):
            raise OSError(f"the payment platform refused the init: {answer.get('MaLoi')!r}")
        return Start(url)

    def query(self, attempt) -> dict | None:
        merchant = merchant_for_agency(KEY, attempt.obligation.agency.code)
        c = constants()
        message = {
            "LoaiBanTin": c["status_type"],
            "PhienBan": c["version"],
            "MaDoiTac": merchant.merchant_code,
            "MaThamChieu": attempt.reference[:20],
            "ThoiGianGD": vn_time(timezone.now()),
        }
        message["MaXacThuc"] = checksum(message, STATUS_ORDER, merchant.secret)
        answer = _unwrap(_post(merchant.api_url, message))
        # The status answer carries the confirm fields: signed as a confirmation.
        if not checksum_valid(answer, CONFIRM_ORDER, merchant.secret):
            logger.warning("Payment platform status with a bad checksum for %s", attempt.reference)
            return None
        outcome = STATUS.get(str(answer.get("TrangThaiGD", "")))
        if outcome is None:
            return None
        return {
            "outcome": outcome,
            "amount": _amount(answer.get("SoTien")),
            "transaction_no": str(answer.get("MaGiaoDich") or "")[:64],
            "raw": answer,
        }


def _amount(value) -> int | None:
    text = str(value if value is not None else "")
    return int(text) if text.isdigit() else None


def confirm_handle(body: dict) -> dict:
    """Decide an attempt from the platform's confirmation; the reply to send back. Refusals
    are audited with the raw message."""
    raw = {key: value for key, value in body.items() if isinstance(value, str | int)}
    reference = str(raw.get("MaThamChieu", ""))
    merchant = merchant_named(KEY, str(raw.get("MaDoiTac", "")))
    secret = merchant.secret if merchant else ""
    answer = Answer(
        outcome=AttemptState.SUCCEEDED if str(raw.get("MaLoi")) == "00" else AttemptState.FAILED,
        amount=_amount(raw.get("SoTien")),
        transaction_no=str(raw.get("MaGiaoDich", ""))[:64],
        raw={key: str(value) for key, value in raw.items()},
    )

    def reply(code: str, text: str) -> dict:
        message = {
            "MaLoi": code,
            "MoTaLoi": text,
            "MaDoiTac": str(raw.get("MaDoiTac", "")),
            "MaThamChieu": reference,
            "ThoiGianGD": vn_time(timezone.now()),
        }
        message["MaXacThuc"] = checksum(message, REPLY_ORDER, secret) if secret else ""
        return message

    def refuse(why: str, attempt=None) -> dict:
        payment_refusal_audit(
            reference=reference, reason=why, answer=answer, actor=ACTOR, attempt=attempt
        )
        return reply("99", why)

    if not checksum_valid(raw, CONFIRM_ORDER, secret):
        return refuse("bad signature")
    attempt = (
        PaymentAttempt.objects.select_related("obligation__agency")
        .filter(reference=reference, gateway=KEY)
        .first()
    )
    if attempt is None or merchant.agency_code not in ("", attempt.obligation.agency.code):
        return refuse("unknown order")
    if answer.amount != attempt.amount:
        return refuse("amount differs", attempt)
    if attempt.state in ATTEMPT_FINAL:
        if attempt.state != answer.outcome or attempt.transaction_no != answer.transaction_no:
            return refuse("late or conflicting answer", attempt)
        return reply("00", "already recorded")
    # Settled meanwhile by a repeated confirmation or the status query: recorded either way.
    with contextlib.suppress(PaymentError):
        attempt_settle(reference=reference, answer=answer, actor=ACTOR)
    return reply("00", "recorded")

"""Vietnam Post (VNPost) through the province's LGSP, as far as the protocol is public: the
OAuth2 token, order, price, tracking and cancellation calls that open provincial systems make,
and a signed status callback. What no public source confirms is listed in docs/postal.md.

Settings (environment): VNPOST_URL (the LGSP service address; `?service=<name>` is added),
VNPOST_TOKEN_URL, VNPOST_CONSUMER_KEY, VNPOST_CONSUMER_SECRET, VNPOST_CUSTOMER_CODE,
VNPOST_CALLBACK_SECRET, VNPOST_TIMEOUT (seconds, default 10), and the service names
VNPOST_SERVICE_ORDER / _PRICE / _TRACKING / _CANCEL.
"""

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.utils.dateparse import parse_datetime

from core.plugins import registry
from postal.carriers.base import CallbackRefused, Carrier, CarrierError, OrderRequest, PlacedOrder
from postal.lifecycle import Report, TrackingStatus

# VNPost order status codes as the MyVNPost API publishes them (an open-source integration
# lists them), mapped to ours. Codes not listed (draft, created, sent to postman, approved,
# COD paid…) say nothing about where the envelope is and are skipped.
STATUS_CODES = {
    "6": TrackingStatus.ACCEPTED,  # picked up
    "7": TrackingStatus.ACCEPTED,  # accepted at the post office
    "10": TrackingStatus.IN_TRANSIT,
    "11": TrackingStatus.IN_TRANSIT,  # arrived at a post office
    "13": TrackingStatus.IN_TRANSIT,  # forwarded
    "12": TrackingStatus.OUT_FOR_DELIVERY,
    "14": TrackingStatus.DELIVERED,
    "15": TrackingStatus.FAILED_ATTEMPT,
    "20": TrackingStatus.RETURNED,  # returned (unconfirmed: "partly returned" in MyVNPost)
}
ACCEPTED_ORDER = {"100", "101"}  # as the provincial systems read the order's answer
FIRST_LAST_ID = "0" * 24  # tracking pages by the last document id, from 24 zeros
PAGE_SIZE = 100
CALLBACK_WINDOW = 300  # seconds a signed callback stays valid (replays refused after)
SIGNATURE_HEADER = "X-Motcua-Signature"
TIMESTAMP_HEADER = "X-Motcua-Timestamp"


def _setting(name: str, default=""):
    return getattr(settings, name, default) or default


def callback_signature(secret: str, timestamp: str, body: bytes) -> str:
    """Hex HMAC-SHA256 of "<timestamp>.<body>" with the shared callback secret."""
    message = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def time_of_object_id(oid: str) -> datetime | None:
    """A MongoDB ObjectId begins with its creation time in seconds (4 bytes, big-endian): the
    tracking documents carry no other time."""
    try:
        return datetime.fromtimestamp(int(oid[:8], 16), tz=UTC)
    except (TypeError, ValueError):
        return None


@registry.register("postal", "vnpost")
class VNPost(Carrier):
    verbose_name = "VNPost (LGSP)"

    # --- transport ---------------------------------------------------------------------

    def _open(self, request: Request) -> dict:
        timeout = int(_setting("VNPOST_TIMEOUT", 10))
        try:
            with urlopen(request, timeout=timeout) as response:  # noqa: S310 # nosec B310
                answer = response.read(1 << 20)
        except HTTPError as error:
            raise CarrierError(f"HTTP {error.code}") from None
        except TimeoutError:
            raise CarrierError("timeout") from None
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise CarrierError("timeout") from None
            raise CarrierError("unreachable") from None
        try:
            reply = json.loads(answer or b"{}")
        except ValueError:
            raise CarrierError("unreadable answer") from None
        if not isinstance(reply, dict):
            raise CarrierError("unreadable answer")
        return reply

    @staticmethod
    def _checked(url: str) -> str:
        if not url.startswith(("https://", "http://")):
            raise CarrierError("VNPOST_URL is not an http(s) address")
        return url

    def _token(self) -> str:
        """OAuth2 client credentials at the LGSP, kept in the cache until shortly before it
        expires."""
        key = "postal:vnpost:token"  # one set of credentials per deployment
        cached = cache.get(key)
        if cached:
            return cached
        pair = f"{_setting('VNPOST_CONSUMER_KEY')}:{_setting('VNPOST_CONSUMER_SECRET')}"
        request = Request(  # noqa: S310
            self._checked(_setting("VNPOST_TOKEN_URL")),
            data=urlencode({"grant_type": "client_credentials"}).encode(),
            headers={
                "Authorization": "Basic " + base64.b64encode(pair.encode()).decode(),
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        reply = self._open(request)
        token = reply.get("access_token")
        if not token:
            raise CarrierError("no access token")
        value = f"{reply.get('token_type') or 'Bearer'} {token}"
        lifetime = int(reply.get("expires_in") or 300)
        cache.set(key, value, timeout=max(lifetime - 60, 30))
        return value

    def _call(self, service: str, body: dict) -> dict:
        url = self._checked(_setting("VNPOST_URL")) + "?" + urlencode({"service": service})
        request = Request(  # noqa: S310
            url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={
                "Authorization": self._token(),
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
            method="POST",
        )
        return self._open(request)

    # --- the carrier's operations ------------------------------------------------------

    def price(self, *, weight_grams: int, from_province: str, to_province: str) -> int:
        reply = self._call(
            _setting("VNPOST_SERVICE_PRICE", "price"),
            {
                "CustomerCode": _setting("VNPOST_CUSTOMER_CODE"),
                "SenderProvince": from_province,
                "ReceiverProvince": to_province,
                "Weight": weight_grams,
            },
        )
        fee = reply.get("TotalFee", reply.get("Fee"))
        if isinstance(fee, bool) or not isinstance(fee, int | str) or not str(fee).isdigit():
            raise CarrierError("no price in the answer")
        return int(fee)  # integer đồng; a fractional price is refused above (R21)

    def order_create(self, *, order: OrderRequest, serial: int) -> PlacedOrder:
        body = {
            "CustomerCode": _setting("VNPOST_CUSTOMER_CODE"),
            "OrderNumber": order.reference,
            "CODAmount": order.cod_amount,
            "SenderProvince": order.sender_province,
            "SenderAddress": order.sender_address,
            "SenderName": order.sender_name,
            "SenderTel": order.sender_phone,
            "Description": order.description,
            "ReceiverName": order.recipient_name,
            "ReceiverAddress": order.recipient_address,
            "ReceiverTel": order.recipient_phone,
            "ReceiverProvince": order.recipient_province,
            # Districts are gone since 01/07/2025: the commune's code goes where they went.
            "ReceiverDistrict": order.recipient_commune,
            "Weight": order.weight_grams,
        }
        reply = self._call(_setting("VNPOST_SERVICE_ORDER", "order"), body)
        if str(reply.get("Status")) not in ACCEPTED_ORDER:
            raise CarrierError(f"refused: {str(reply.get('Status'))[:20]}")
        item = str(reply.get("ItemCode") or "").strip().upper()
        if not item:
            raise CarrierError("no item number in the answer")
        return PlacedOrder(order_number=order.reference, item_number=item[:20])

    def order_cancel(self, *, order_number: str) -> None:
        reply = self._call(
            _setting("VNPOST_SERVICE_CANCEL", "cancel"),
            {"CustomerCode": _setting("VNPOST_CUSTOMER_CODE"), "OrderNumber": order_number},
        )
        if str(reply.get("Status")) not in ACCEPTED_ORDER:
            raise CarrierError(f"refused: {str(reply.get('Status'))[:20]}")

    def tracking(self, *, order_numbers: list[str]) -> list[Report]:
        """Page through the customer's tracking documents by last id, keeping ours."""
        wanted, reports, last_id = set(order_numbers), [], FIRST_LAST_ID
        for _page in range(1000):  # a bound, not a limit anyone should reach
            reply = self._call(
                _setting("VNPOST_SERVICE_TRACKING", "tracking"),
                {"pageSize": PAGE_SIZE, "lastId": last_id},
            )
            documents = (reply.get("_embedded") or {}).get("rh_doc") or []
            for document in documents:
                oid = str((document.get("id") or {}).get("oid") or "")
                number = str(document.get("orderNumber") or "")
                status = STATUS_CODES.get(str(document.get("statusCode")))
                at = time_of_object_id(oid)
                if number in wanted and status and at:
                    reports.append(
                        Report(
                            order_number=number,
                            status=status,
                            at=at,
                            event_key=f"vnpost:{oid}",
                            reason=str(document.get("statusMessage") or "")[:300],
                            carrier_code=str(document.get("statusCode")),
                        )
                    )
                last_id = oid or last_id
            if len(documents) < PAGE_SIZE:
                break
        return reports

    def callback_read(self, *, body: bytes, headers) -> list[Report]:
        secret = _setting("VNPOST_CALLBACK_SECRET")
        if not secret:
            raise CallbackRefused("callbacks are not configured")
        timestamp = str(headers.get(TIMESTAMP_HEADER) or "")
        given = str(headers.get(SIGNATURE_HEADER) or "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > CALLBACK_WINDOW:
            raise CallbackRefused("stale or missing timestamp")
        if not hmac.compare_digest(given, callback_signature(secret, timestamp, body)):
            raise CallbackRefused("bad signature")
        try:
            payload = json.loads(body)
        except ValueError:
            raise CallbackRefused("unreadable body") from None
        events = payload if isinstance(payload, list) else [payload]
        reports = []
        for event in events:
            if not isinstance(event, dict):
                raise CallbackRefused("unreadable body")
            status = STATUS_CODES.get(str(event.get("StatusCode")))
            at = parse_datetime(str(event.get("EventTime") or ""))
            if status is None or at is None or at.tzinfo is None:
                continue  # a code that says nothing about the envelope, or no usable time
            reports.append(
                Report(
                    order_number=str(event.get("OrderNumber") or ""),
                    status=status,
                    at=at,
                    event_key=f"vnpost:{str(event.get('EventId') or '')[:60]}"
                    if event.get("EventId")
                    else "",
                    reason=str(event.get("StatusMessage") or "")[:300],
                    carrier_code=str(event.get("StatusCode"))[:20],
                )
            )
        return reports

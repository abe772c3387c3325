"""SMS-kind channels that speak a provider's own published protocol (INTEGRATIONS §5):

- `viettel`: Viettel's brandname web service (SOAP "CcApi", operation `wsCpMt`);
- `zalo-zns`: a Zalo OA's ZNS template message, sent by phone number like an SMS, through the
  OA's approved template whose one text parameter carries the message.

Both reach the applicant by phone number, so they plug into the `sms` kind: the same delivery,
retries and failed-messages page (decision 0008). Only the failure's code is stored, never the
provider's text, which may quote the number (R17).
"""

import json
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen
from xml.etree import ElementTree

from django.conf import settings
from django.utils.html import escape

from core.plugins import registry
from notifications.channels import DeliveryError, SmsChannel
from notifications.sms import international

VIETTEL_NAMESPACE = "http://impl.bulkSms.ws/"


def _exchange(request: Request, *, timeout: int) -> bytes:
    if not request.full_url.startswith(("https://", "http://")):
        raise DeliveryError("the provider's address is not http(s)")
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 # nosec B310 (scheme checked)
            return response.read(65536)
    except HTTPError as error:
        raise DeliveryError(f"HTTP {error.code}") from None
    except TimeoutError:
        raise DeliveryError("timeout") from None
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise DeliveryError("timeout") from None
        raise DeliveryError("unreachable") from None


def viettel_envelope(*, to: str, text: str) -> bytes:
    """The SOAP 1.1 request of `wsCpMt` (pure; tested against the protocol's fields): the
    receiver in 84… form as both UserID and ReceiverID, the brandname as ServiceID, command
    `bulksms`, content type 0 (unaccented text, as our SMS are)."""
    fields = {
        "User": settings.SMS_VIETTEL_USER,
        "Password": settings.SMS_VIETTEL_PASSWORD,
        "CPCode": settings.SMS_VIETTEL_CPCODE,
        "RequestID": "1",
        "UserID": international(to),
        "ReceiverID": international(to),
        "ServiceID": settings.SMS_VIETTEL_BRANDNAME,
        "CommandCode": "bulksms",
        "Content": text,
        "ContentType": "0",
    }
    body = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in fields.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        f'xmlns:impl="{VIETTEL_NAMESPACE}"><soapenv:Body><impl:wsCpMt>{body}</impl:wsCpMt>'
        "</soapenv:Body></soapenv:Envelope>"
    ).encode()


@registry.register("sms", "viettel")
class ViettelSms(SmsChannel):
    """SMS_VIETTEL_URL, _USER, _PASSWORD, _CPCODE, _BRANDNAME. The answer's `result` is 1 on
    success; anything else is a refusal, retried later."""

    verbose_name = "Viettel brandname (SOAP wsCpMt)"

    def send(self, *, to: str, text: str, reference: str) -> str:
        request = Request(  # noqa: S310 (scheme checked in _exchange)
            settings.SMS_VIETTEL_URL,
            data=viettel_envelope(to=to, text=text),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
            method="POST",
        )
        answer = _exchange(request, timeout=settings.SMS_HTTP_TIMEOUT)
        try:
            # Python's expat refuses entity expansion attacks and ElementTree loads no external
            # entities; the answer is our provider's, and at most 64 KB.
            root = ElementTree.fromstring(answer)  # noqa: S314 # nosec B314
        except ElementTree.ParseError:
            raise DeliveryError("unreadable answer") from None
        result = next((el.text for el in root.iter() if el.tag.endswith("result")), None)
        if (result or "").strip() != "1":
            raise DeliveryError(f"refused: {(result or 'none').strip()[:20]}")
        return reference


@registry.register("sms", "zalo-zns")
class ZaloZns(SmsChannel):
    """POST ZALO_ZNS_URL with header `access_token` and JSON {phone: "84…", template_id,
    template_data: {<ZALO_ZNS_TEXT_PARAM>: text}, tracking_id}. `error` 0 is success, with
    `data.msg_id`. The OA access token comes from the environment (ZALO_OA_ACCESS_TOKEN);
    refreshing it (single-use refresh tokens) is the operator's job for now (docs/)."""

    verbose_name = "Zalo OA ZNS"

    def send(self, *, to: str, text: str, reference: str) -> str:
        body = {
            "phone": international(to),
            "template_id": settings.ZALO_ZNS_TEMPLATE_ID,
            "template_data": {settings.ZALO_ZNS_TEXT_PARAM: text},
            "tracking_id": reference,
        }
        request = Request(  # noqa: S310 (scheme checked in _exchange)
            settings.ZALO_ZNS_URL,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={
                "Content-Type": "application/json",
                "access_token": settings.ZALO_OA_ACCESS_TOKEN,
            },
            method="POST",
        )
        answer = _exchange(request, timeout=settings.SMS_HTTP_TIMEOUT)
        try:
            reply = json.loads(answer or b"{}")
        except ValueError:
            raise DeliveryError("unreadable answer") from None
        if not isinstance(reply, dict):
            raise DeliveryError("unreadable answer")
        if str(reply.get("error")) != "0":
            raise DeliveryError(f"refused: {str(reply.get('error'))[:20]}")
        data = reply.get("data") if isinstance(reply.get("data"), dict) else {}
        return str(data.get("msg_id") or data.get("message_id") or "")[:100]


@registry.register("zalo", "zns")
class ZaloOaZns(ZaloZns):
    """The same ZNS call, for applicants who chose Zalo (ZALO_PROVIDER=zns)."""

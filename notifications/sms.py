"""SMS channels: the console demo (offline, the default), a folder of files, an in-memory outbox
for tests, and a generic HTTP brandname API configured from the environment."""

import json
import sys
import uuid
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils import timezone

from core.plugins import registry
from notifications.channels import DeliveryError, SmsChannel


def mask_phone(phone: str) -> str:
    """0912345678 → 091*****78: enough for an officer to recognise, useless to a reader of logs."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 6:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


def international(phone: str) -> str:
    """0912345678 or +84 912 345 678 → 84912345678, the form brandname gateways take."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits


@registry.register("sms", "console")
class ConsoleSms(SmsChannel):
    """Prints the message with the number masked: for trying MotCua on one machine."""

    verbose_name = "console"

    def send(self, *, to: str, text: str, reference: str) -> str:
        sys.stdout.write(f"[SMS → {mask_phone(to)}] {text}\n")
        sys.stdout.flush()
        return ""


@registry.register("sms", "file")
class FileSms(SmsChannel):
    """Writes each message as a JSON file in SMS_FILE_PATH, like Django's file e-mail backend."""

    verbose_name = "file"

    def send(self, *, to: str, text: str, reference: str) -> str:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.json"
        (folder / name).write_text(
            json.dumps({"to": to, "text": text, "reference": reference}, ensure_ascii=False),
            "utf-8",
        )
        return name


@registry.register("sms", "memory")
class MemorySms(SmsChannel):
    """Keeps messages in `outbox` for tests, like django.core.mail.outbox."""

    verbose_name = "memory"
    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, text: str, reference: str) -> str:
        MemorySms.outbox.append({"to": to, "text": text})
        return ""


@registry.register("sms", "http")
class HttpBrandnameSms(SmsChannel):
    """A brandname gateway that takes one message as a JSON POST, the shape most Vietnamese
    resellers offer in front of the carriers:

        POST SMS_HTTP_URL   Authorization: Bearer SMS_HTTP_TOKEN
        {"brandname": …, "phone": "84912345678", "message": …, "request_id": …}

    It answers 2xx with `{"error": 0, "message_id": …}`; another `error` (or `code`) or
    another status is a refusal. `request_id` is the same on every attempt of a message, so a
    gateway that drops repeats never sends it twice. Nothing waits longer than
    SMS_HTTP_TIMEOUT seconds."""

    verbose_name = "HTTP brandname API"

    def send(self, *, to: str, text: str, reference: str) -> str:
        body = {
            "brandname": settings.SMS_HTTP_BRANDNAME,
            "phone": international(to),
            "message": text,
            "request_id": reference,
        }
        url = settings.SMS_HTTP_URL
        if not url.startswith(("https://", "http://")):
            raise DeliveryError("SMS_HTTP_URL is not an http(s) address")
        request = Request(  # noqa: S310 (the scheme is checked above)
            url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        if settings.SMS_HTTP_TOKEN:
            request.add_header("Authorization", f"Bearer {settings.SMS_HTTP_TOKEN}")
        try:
            # The scheme is checked above: http(s) only.
            with urlopen(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:  # noqa: S310 # nosec B310
                answer = response.read(65536)
        except HTTPError as error:
            raise DeliveryError(f"HTTP {error.code}") from None
        except TimeoutError:
            raise DeliveryError("timeout") from None
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise DeliveryError("timeout") from None
            raise DeliveryError("unreachable") from None
        try:
            reply = json.loads(answer or b"{}")
        except ValueError:
            raise DeliveryError("unreadable answer") from None
        if not isinstance(reply, dict):
            raise DeliveryError("unreadable answer")
        code = reply.get("error", reply.get("code", 0))
        if str(code) not in {"0", "None"}:
            raise DeliveryError(f"refused: {str(code)[:40]}")
        return str(reply.get("message_id") or reply.get("id") or "")[:100]


# The same demo and test channels for Zalo: a Zalo message goes to a phone number too.
@registry.register("zalo", "console")
class ConsoleZalo(ConsoleSms):
    def send(self, *, to: str, text: str, reference: str) -> str:
        sys.stdout.write(f"[Zalo → {mask_phone(to)}] {text}\n")
        sys.stdout.flush()
        return ""


@registry.register("zalo", "memory")
class MemoryZalo(MemorySms):
    """Shares MemorySms.outbox, each message marked as Zalo's."""

    def send(self, *, to: str, text: str, reference: str) -> str:
        MemorySms.outbox.append({"to": to, "text": text, "via": "zalo"})
        return ""

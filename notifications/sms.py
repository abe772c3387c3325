"""SMS backends behind one interface. A real gateway is a subclass configured by SMS_BACKEND."""

import json
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsBackend:
    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


def mask_phone(phone: str) -> str:
    """0912345678 → 091*****78: enough for an officer to recognise, useless to a reader of logs."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 6:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


class ConsoleSmsBackend(SmsBackend):
    """Prints the message with the number masked: for trying MotCua on one machine."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"[SMS → {mask_phone(to)}] {text}\n")
        sys.stdout.flush()


class FileSmsBackend(SmsBackend):
    """Writes each message as a JSON file in SMS_FILE_PATH, like Django's file e-mail backend."""

    def send(self, *, to: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.json"
        (folder / name).write_text(
            json.dumps({"to": to, "text": text}, ensure_ascii=False), "utf-8"
        )


class MemorySmsBackend(SmsBackend):
    """Keeps messages in `outbox` for tests, like django.core.mail.outbox."""

    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        MemorySmsBackend.outbox.append({"to": to, "text": text})


def get_sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()

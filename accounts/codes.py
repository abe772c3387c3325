"""Rules of the one-time sign-in codes, as pure functions: where a code goes, what it is,
how it is stored."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.phones import InvalidPhone, normalise_phone

CODE_LENGTH = 6
SMS = "sms"
EMAIL = "email"


class DestinationError(ValueError):
    """Neither a phone number nor an e-mail address."""


@dataclass(frozen=True)
class Destination:
    channel: str  # SMS or EMAIL
    address: str  # the phone's national digits, or the e-mail address in lower case

    @property
    def masked(self) -> str:
        """What the page repeats back: 091*****78, ng***@example.vn."""
        if self.channel == SMS:
            return self.address[:3] + "*" * (len(self.address) - 5) + self.address[-2:]
        local, _at, domain = self.address.partition("@")
        return f"{local[:2]}***@{domain}"


def parse_destination(raw: str) -> Destination:
    """A phone number or an e-mail address, as typed; raises DestinationError."""
    text = (raw or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError as error:
            raise DestinationError(_("This e-mail address is not valid.")) from error
        return Destination(EMAIL, text.lower())
    if not re.search(r"\d", text):
        raise DestinationError(_("Enter a mobile phone number or an e-mail address."))
    try:
        return Destination(SMS, normalise_phone(text))
    except InvalidPhone as error:
        raise DestinationError(
            _("This phone number is not valid. Enter it as on your phone, e.g. 0912 345 678.")
        ) from error


def new_code() -> str:
    """Six digits from the operating system's random source (a leading zero is kept)."""
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


def digest(secret_key: str, purpose: str, value: str) -> str:
    """A keyed digest: without the server's key, a stored digest cannot be checked against a
    guess (a phone number has few enough values to try them all)."""
    return hmac.new(f"{purpose}:{secret_key}".encode(), value.encode(), hashlib.sha256).hexdigest()


def normalise_code(raw: str) -> str:
    """What the citizen typed, without spaces or dashes; full-width digits as ASCII."""
    return "".join(str(int(ch)) for ch in (raw or "") if ch.isdecimal())[: CODE_LENGTH * 2]

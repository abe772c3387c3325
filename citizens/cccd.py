"""Reading the QR code of the chip ID card (CCCD): the text a USB scanner types at the counter.

A pure function: no database, no clock (the caller passes `today`), and errors that tell the
officer what to do next without ever repeating what was scanned (it may hold an ID number).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from core.validators import EARLIEST_PERSON_YEAR

SEPARATOR = "|"
FIELD_COUNT = 7
# A real card's text is about 150–250 characters; anything far longer is not a card.
MAX_LENGTH = 1000
MAX_NAME_LENGTH = 150
MAX_ADDRESS_LENGTH = 500
EARLIEST_BIRTH_YEAR = EARLIEST_PERSON_YEAR

MALE = "Nam"
FEMALE = "Nữ"

_ID_NUMBER = re.compile(r"[0-9]{12}")
# Old ID cards (CMND) had 9 digits, and from 2012 some provinces issued 12-digit ones before
# the CCCD replaced them, so both lengths can appear in the second field.
_OLD_ID_NUMBER = re.compile(r"(?:[0-9]{9}|[0-9]{12})?")
_DATE = re.compile(r"[0-9]{8}")
# Control, format (bidi overrides, zero-width), surrogate, private-use and line-separator
# characters never appear on a card; they only hide or reorder text on screen and in print.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
# Names hold letters with their diacritics and spaces; some ethnic minority names carry an
# apostrophe or a hyphen (H'Hen Niê, Ksor-H'Bia).
_NAME_PUNCTUATION = {" ", "'", "’", "-", "."}


class CardError(ValueError):
    """The scanned text is not a usable card; the message is for the officer, translated."""


@dataclass(frozen=True, slots=True)
class CardData:
    id_number: str
    old_id_number: str
    full_name: str
    birth_date: date
    gender: str
    address: str
    issued_on: date

    def __repr__(self) -> str:
        # A repr ends up in tracebacks and logs: keep the personal numbers out of it.
        return f"CardData(full_name={self.full_name!r}, birth_date={self.birth_date!r})"


def parse_card(text: str, *, today: date) -> CardData:
    """The card's data from the scanned QR text, or CardError saying what to do instead.

    Fields after the seventh (newer cards add some) are ignored.
    """
    # The scanner types Enter after the code; some also send a byte-order mark first.
    text = text.rstrip("\r\n").removeprefix("\ufeff")
    if not text.strip():
        raise CardError(_("The QR code is empty. Scan the card again or type the details in."))
    if len(text) > MAX_LENGTH:
        raise CardError(
            _(
                "The scanned text is too long to be an ID card's QR code (%(length)d "
                "characters). Scan the card again or type the details in."
            )
            % {"length": len(text)}
        )
    text = unicodedata.normalize("NFC", text)
    if any(unicodedata.category(char) in _FORBIDDEN_CATEGORIES for char in text):
        raise CardError(
            _(
                "The scanned text contains invisible control characters. Scan the card again "
                "or type the details in."
            )
        )
    fields = [field.strip() for field in text.split(SEPARATOR)]
    if len(fields) < FIELD_COUNT:
        raise CardError(
            _(
                "The QR code does not hold enough information (%(expected)d fields needed, "
                "%(found)d read). Scan again or type the details in."
            )
            % {"expected": FIELD_COUNT, "found": len(fields)}
        )
    id_number, old_id_number, name, birth, gender, address, issued = fields[:FIELD_COUNT]

    if not _ID_NUMBER.fullmatch(id_number):
        raise CardError(
            _(
                "The ID number in the QR code is not 12 digits. Check the number printed on "
                "the card and type it in."
            )
        )
    if not _OLD_ID_NUMBER.fullmatch(old_id_number):
        raise CardError(
            _(
                "The old ID number in the QR code is neither empty nor 9 or 12 digits. Scan "
                "again or type the details in."
            )
        )
    full_name = _name(name)
    birth_date = _date(
        birth,
        invalid=_("The date of birth in the QR code is not a valid date."),
    )
    if birth_date > today or birth_date.year < EARLIEST_BIRTH_YEAR:
        raise CardError(
            _(
                "The date of birth in the QR code is impossible. Check the date printed on the "
                "card and type it in."
            )
        )
    issued_on = _date(
        issued,
        invalid=_("The issue date in the QR code is not a valid date."),
    )
    if issued_on > today:
        raise CardError(
            _(
                "The issue date in the QR code is in the future. Check this computer's date, "
                "then scan again."
            )
        )
    if issued_on < birth_date:
        raise CardError(
            _(
                "The issue date in the QR code is before the date of birth. Check the card "
                "and type the details in."
            )
        )
    address = " ".join(address.split())
    if len(address) > MAX_ADDRESS_LENGTH:
        raise CardError(
            _(
                "The address in the QR code is longer than %(limit)d characters. Check the "
                "card and type the address in."
            )
            % {"limit": MAX_ADDRESS_LENGTH}
        )
    return CardData(
        id_number=id_number,
        old_id_number=old_id_number,
        full_name=full_name,
        birth_date=birth_date,
        gender=_gender(gender),
        address=address,
        issued_on=issued_on,
    )


def _name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise CardError(_("The QR code has no full name. Scan again or type the details in."))
    if len(name) > MAX_NAME_LENGTH:
        raise CardError(
            _(
                "The full name in the QR code is longer than %(limit)d characters. Check the "
                "card and type the name in."
            )
            % {"limit": MAX_NAME_LENGTH}
        )
    if not all(char in _NAME_PUNCTUATION or unicodedata.category(char)[0] in "LM" for char in name):
        raise CardError(
            _(
                "The full name in the QR code contains characters a name cannot have. Check "
                "the card and type the name in."
            )
        )
    return name


def _date(value: str, *, invalid: str) -> date:
    """A ddmmyyyy date; 31022000 and 00001990 are not dates."""
    hint = _("Dates are written ddmmyyyy. Check the card and type the details in.")
    if not _DATE.fullmatch(value):
        raise CardError(f"{invalid} {hint}")
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        raise CardError(f"{invalid} {hint}") from None


def _gender(value: str) -> str:
    folded = value.casefold()
    for gender in (MALE, FEMALE):
        if folded == gender.casefold():
            return gender
    raise CardError(
        _(
            "The gender in the QR code is neither “Nam” nor “Nữ”. Check the card and type the "
            "details in."
        )
    )

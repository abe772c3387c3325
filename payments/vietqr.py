"""VietQR payloads: NAPAS's bank-transfer QR, built on EMVCo's merchant-presented QR format, which
every Vietnamese banking app reads. Pure functions, no library (none maintained for Python).

Each field is ID (2 digits), length (2 digits), value; the merchant account (ID 38) nests the
NAPAS identifier, the beneficiary's bank (BIN) and account, and the service "transfer to an
account"; the payload ends with a CRC-16/CCITT-FALSE over everything before it, "6304"
included, in four upper-case hex digits.
"""

import re
import unicodedata

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
PURPOSE_MAX = 25  # the transfer description many banking apps keep intact


class VietQRError(ValueError):
    pass


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, initial 0xFFFF) of the UTF-8 bytes, four hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"Field {tag} is longer than 99 characters.")
    return f"{tag}{len(value):02d}{value}"


def ascii_text(text: str) -> str:
    """Unaccented letters, digits and spaces: what a transfer description keeps."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9 ]", "", plain)


def payload(*, bank_bin: str, account: str, amount: int | None = None, purpose: str = "") -> str:
    """The VietQR text for a transfer to `account` at the bank `bank_bin` (6 digits), of
    `amount` đồng if given (the QR is then dynamic: for this payment only), with `purpose` in
    the transfer description (the obligation's reference, so a statement line finds it)."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise VietQRError("The bank BIN is 6 digits.")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account or ""):
        raise VietQRError("The account number is 1 to 19 letters or digits.")
    beneficiary = _field("00", bank_bin) + _field("01", account)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", TO_ACCOUNT)
    parts = [_field("00", "01"), _field("01", "12" if amount else "11"), _field("38", merchant)]
    parts.append(_field("53", CURRENCY_VND))
    if amount:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            raise VietQRError("The amount is a whole number of đồng.")
        parts.append(_field("54", str(amount)))
    parts.append(_field("58", "VN"))
    purpose = ascii_text(purpose)[:PURPOSE_MAX]
    if purpose:
        parts.append(_field("62", _field("08", purpose)))
    body = "".join(parts) + "6304"
    return body + crc16(body)


def parse(text: str) -> dict[str, str]:
    """The top-level fields of an EMVCo payload (tag → value); VietQRError when its length
    fields or its CRC do not add up."""
    fields, index = {}, 0
    while index < len(text):
        tag, length = text[index : index + 2], text[index + 2 : index + 4]
        if not length.isdigit():
            raise VietQRError("Malformed field length.")
        end = index + 4 + int(length)
        if end > len(text):
            raise VietQRError("A field runs past the end.")
        fields[tag] = text[index + 4 : end]
        index = end
    if "63" not in fields or crc16(text[:-4]) != fields["63"].upper():
        raise VietQRError("The CRC does not match.")
    return fields

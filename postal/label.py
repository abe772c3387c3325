"""The address label and delivery slip of a result sent by post (A5 or A4): sender, recipient,
item number as a Code 128 barcode (drawn by zxing-cpp, already used to read ID cards), cash on
delivery, and the hand-over block signed by the counter and the post."""

import re

import zxingcpp
from django.utils.safestring import mark_safe

from core.wording import short_date
from postal.models import Delivery

_XML_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def code128_svg(text: str) -> str:
    """An SVG of `text` as a Code 128 barcode, without the XML prologue (inlined in HTML)."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128)
    return _XML_PROLOGUE.sub("", barcode.to_svg())


def label_context(delivery: Delivery, *, size: str, now) -> dict:
    dossier = delivery.dossier
    agency = dossier.return_agency
    return {
        "document_title": f"Phiếu gửi {delivery.item_number}",
        "size": size,
        "delivery": delivery,
        "dossier": dossier,
        "agency": agency,
        # Our own SVG, drawn from a checked item number.
        "barcode": mark_safe(code128_svg(delivery.item_number)),  # noqa: S308 # nosec B308 B703
        "printed_on": short_date(now),
    }

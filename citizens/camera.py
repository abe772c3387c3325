"""Reading the ID card's QR code from a webcam picture, for counters without a USB scanner.

The browser reads the code itself where it has a QR reader (BarcodeDetector); elsewhere it sends
one still picture at a time and this module finds the code in it. The picture is decoded in
memory and dropped: nothing is stored or logged, since it shows the card.
"""

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image

# A webcam still, downscaled by the browser to 960 px, is 50–200 kB as JPEG.
MAX_FRAME_BYTES = 2_000_000
MAX_FRAME_PIXELS = 4096 * 4096
FORMATS = {"JPEG", "PNG", "WEBP"}


class FrameError(ValueError):
    """The upload is not a picture this module reads; the message is for the officer."""


def _opened(frame: bytes) -> Image.Image:
    """The picture in grey, or FrameError: a wrong format, a huge size or broken bytes."""
    not_a_picture = FrameError(_("The camera's picture could not be read. Try again."))
    try:
        with warnings.catch_warnings():
            # Pillow warns before refusing a decompression bomb; the refusal is what counts.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(frame), formats=sorted(FORMATS)) as image:
                if image.width * image.height > MAX_FRAME_PIXELS:
                    raise FrameError(_("The camera's picture is too large."))
                # WeasyPrint, loaded in the same process for the PDFs, lets Pillow decode
                # cut-short pictures; verify() still refuses a PNG that did not arrive whole.
                image.verify()
            with Image.open(io.BytesIO(frame), formats=sorted(FORMATS)) as image:
                return image.convert("L")
    except FrameError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise not_a_picture from None


def qr_text_in(frame: bytes) -> str:
    """The text of the first QR code in the picture, or "" when none is seen (the card is not
    in view yet: the browser sends the next picture)."""
    if not frame:
        raise FrameError(_("The camera sent no picture."))
    if len(frame) > MAX_FRAME_BYTES:
        raise FrameError(_("The camera's picture is too large."))
    import zxingcpp  # loaded on the first still, not with the URLs

    picture = _opened(frame)
    try:
        found = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    except (RuntimeError, ValueError):  # the decoder gave up on this still: try the next
        return ""
    return next((code.text for code in found if code.valid and code.text), "")

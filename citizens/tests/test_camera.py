"""Finding the ID card's QR code in a webcam picture: the code's text comes back exactly,
diacritics included; a picture without a code asks for the next one; anything that is not a
picture, or is too big, is refused with a Vietnamese message."""

import io
import random

import pytest
import segno
import weasyprint  # noqa: F401  (as in the web process: it makes Pillow lenient on import)
from django.utils import translation
from PIL import Image, ImageFilter

from citizens.camera import MAX_FRAME_BYTES, FrameError, qr_text_in

CARD = "001090012345|012345678|Nguyễn Văn Ánh|15031990|Nam|Thôn Đông, Xã An Khánh, Hà Nội|20042021"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def _qr(text: str, scale: int = 6) -> Image.Image:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _encoded(image: Image.Image, kind: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def _webcam_still(text: str) -> bytes:
    """What a counter webcam sends: the card's code small in a 960×720 grey, noisy scene,
    slightly turned and blurred, as JPEG."""
    rng = random.Random(7)
    scene = Image.new("L", (960, 720), 150)
    scene.putdata([150 + rng.randint(-25, 25) for _ in range(960 * 720)])
    card = _qr(text, scale=4).rotate(7, expand=True, fillcolor=255)
    scene.paste(card, (380, 200))
    return _encoded(scene.filter(ImageFilter.GaussianBlur(0.8)).convert("RGB"), quality=80)


def test_a_clean_picture_of_the_code_gives_the_card_text_with_its_diacritics():
    assert qr_text_in(_encoded(_qr(CARD), "PNG")) == CARD


def test_a_webcam_still_with_the_card_turned_and_blurred_is_read():
    assert qr_text_in(_webcam_still(CARD)) == CARD


def test_a_picture_without_a_code_gives_nothing_so_the_browser_sends_the_next():
    assert qr_text_in(_encoded(Image.new("RGB", (640, 480), (90, 120, 80)))) == ""


@pytest.mark.parametrize(
    "frame",
    [
        b"not a picture",
        b"%PDF-1.7\n1 0 obj<<>>endobj",
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # a JPEG header and nothing after
        b"GIF89a" + b"\x00" * 64,  # a format the camera never sends
        _encoded(_qr(CARD), "PNG")[:200],  # cut short in transit
    ],
)
def test_what_is_not_a_readable_picture_is_refused_in_vietnamese(frame):
    with pytest.raises(FrameError) as error:
        qr_text_in(frame)
    assert str(error.value) == "Không đọc được hình ảnh từ camera. Hãy thử lại."


def test_an_empty_upload_is_refused():
    with pytest.raises(FrameError, match="Camera không gửi hình ảnh"):
        qr_text_in(b"")


def test_a_huge_picture_is_refused_before_it_is_decoded():
    # 6000 × 6000 white pixels compress to a few kB: the size check must look at the pixels.
    bomb = _encoded(Image.new("L", (6000, 6000), 255), "PNG", optimize=True)
    assert len(bomb) < MAX_FRAME_BYTES
    with pytest.raises(FrameError, match="quá lớn"):
        qr_text_in(bomb)


def test_an_upload_over_the_byte_limit_is_refused():
    with pytest.raises(FrameError, match="quá lớn"):
        qr_text_in(b"\xff" * (MAX_FRAME_BYTES + 1))

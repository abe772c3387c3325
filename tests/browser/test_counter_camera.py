"""The counter without a USB scanner: the officer turns on the webcam, holds the card's QR code
in front of it, and the applicant block fills itself as after a scanner's Enter.

Chromium's fake camera plays a still picture of the card's code (a Y4M file made here), so the
whole path runs: getUserMedia, the browser's QR reader or a still sent to the server, the text
read like a scanner's."""

import io

import segno
from PIL import Image
from playwright.sync_api import expect

from .conftest import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    DESKTOP,
    SCREENSHOT_DIR,
    assert_no_serious_axe_violations,
    login,
)
from .test_counter_scan import CARD, _version

OTHER_CARD = "079185001234||Trần Thị Hoa|02021985|Nữ|5 Lò Sũ, Phường Hoàn Kiếm, Hà Nội|01072022"

WIDTH, HEIGHT = 640, 480
# Every camera stream the page opens, so the test can tell whether one was left running.
RECORD_STREAMS = """
(() => {
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  window.__streams = [];
  navigator.mediaDevices.getUserMedia = (wanted) =>
    open(wanted).then((stream) => { window.__streams.push(stream); return stream; });
})();
"""
CAMERAS_OFF = (
    "() => window.__streams.length > 0 && window.__streams.every("
    "(s) => s.getTracks().every((t) => t.readyState === 'ended'))"
)


def _camera_file(path, text: str) -> None:
    """One Y4M frame (Chromium loops it): the card's code on a grey desk, in 4:2:0 grey."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=4, border=4)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    scene = Image.new("L", (WIDTH, HEIGHT), 140)
    scene.paste(code, ((WIDTH - code.width) // 2, (HEIGHT - code.height) // 2))
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        out.write(b"FRAME\n" + scene.tobytes() + chroma + chroma)


def test_the_webcam_reads_the_card_and_fills_the_applicant(browser, demo, tmp_path):
    from catalog.demo import catalog_seed
    from citizens.models import Citizen
    from dossiers.models import Dossier

    catalog_seed()
    version = _version()
    video = tmp_path / "card.y4m"
    _camera_file(video, CARD)
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM_PATH,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    context = camera_browser.new_context(viewport=DESKTOP, locale="vi-VN")
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_STREAMS)
    page = context.new_page()
    try:
        login(page, demo, "hoankiem.tiepnhan")
        page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")
        start = page.get_by_role("button", name="Quét bằng camera")
        expect(start).to_be_visible()

        # The first stills find no code (the card is not in front of the camera yet): the
        # panel says what to do and keeps looking.
        page.route("**/tiep-nhan/camera/", lambda route: route.fulfill(json={"text": ""}))
        page.keyboard.press("Alt+c")
        status = page.locator("[data-camera-status]")
        expect(status).to_have_text("Đưa mã QR ở mặt sau thẻ căn cước trước camera.")
        page.wait_for_function("() => document.querySelector('video').videoWidth > 0")
        assert_no_serious_axe_violations(page)
        page.screenshot(path=str(SCREENSHOT_DIR / "counter-camera-1-looking.png"))

        # Now the code is in view: the still reaches the server (or the browser's own reader)
        # and the applicant block fills in place, the camera off.
        page.unroute("**/tiep-nhan/camera/")
        expect(page.locator("#id_full_name")).to_have_value("Nguyễn Văn Bình")
        assert page.locator("#id_birth_date").input_value() == "15/03/1990"
        assert page.locator("#id_id_number").input_value() == "001090012345"
        expect(page.locator("[data-camera]")).to_be_hidden()
        assert page.evaluate(CAMERAS_OFF), "the camera was left on"
        assert page.get_by_text("Đã đọc thẻ: Nguyễn Văn Bình.").is_visible()
        assert Citizen.objects.filter(id_number="001090012345").exists()
        assert not Dossier.objects.exists()  # reading a card receives nothing
        page.screenshot(path=str(SCREENSHOT_DIR / "counter-camera-2-read.png"))

        # The camera is on when the USB scanner is used after all: the scanner's card is read
        # and the camera goes off with the block it belonged to.
        page.route("**/tiep-nhan/camera/", lambda route: route.fulfill(json={"text": ""}))
        page.get_by_role("button", name="Quét bằng camera").click()
        page.wait_for_function("() => window.__streams.length === 2")
        page.locator("#id_card").fill(OTHER_CARD)
        page.locator("#id_card").press("Enter")
        expect(page.locator("#id_full_name")).to_have_value("Trần Thị Hoa")
        page.wait_for_function(CAMERAS_OFF)
    finally:
        context.close()
        camera_browser.close()

"""A citizen on a 390 px phone takes a toàn trình procedure end to end: signs in by code,
submits with a photo and asks for the result online, is asked for a supplement and sends it,
follows the dossier, and downloads the electronic result, which marks the dossier returned.
The officers' steps go through the same services their pages use (their screens have their
own browser tests). Every page fits the screen and passes axe-core; screenshots are kept; the
portal also works at 200 % zoom and with the keyboard alone."""

import re
from datetime import date

from PIL import Image
from playwright.sync_api import expect

from .conftest import PHONE, SCREENSHOT_DIR
from .test_citizen_portal import _check, _fill_required_eform, _procedure


def _staff(agency, role):
    from org.models import StaffRole

    return StaffRole.objects.filter(agency=agency, role=role).select_related("user").first().user


def _move(dossier, action, actor, **kwargs):
    from dossiers.services import Move, dossier_transition

    dossier.refresh_from_db()
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=action, expected_version=dossier.version, **kwargs),
        actor=actor,
    )


def _sign_in(page, demo, version, phone="0912 345 678"):
    from notifications.models import Notification

    page.goto(f"{demo}/thu-tuc/{version.procedure_id}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Nộp trực tuyến").click()
    page.fill("#id_destination", phone)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi mã cho tôi").click()
    body = Notification.objects.filter(recipient=phone.replace(" ", "")).latest("id").body
    page.fill("#id_code", re.search(r"\d{6}", body).group(0))
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def test_a_full_online_procedure_from_a_phone_with_a_supplement_and_the_result(
    browser, demo, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.documents import render_pdf
    from dossiers.models import Dossier
    from dossiers.results import ResultDocumentData, result_document_record
    from dossiers.workflow import Action, State
    from org.models import Role

    settings.MEDIA_ROOT = str(tmp_path)
    version = _procedure("full")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    photo = tmp_path / "giay-to.jpg"
    Image.new("RGB", (1200, 1600), "white").save(photo, "JPEG")
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        _sign_in(page, demo, version)
        page.fill("#id_full_name", "Nguyễn Văn An")
        page.fill("#id_id_number", "001090012345")
        page.fill("#id_birth_date", "01/05/1990")
        page.fill("#id_address", "Số 1 phố Hàng Bạc")
        page.select_option("#id_receiving_agency", index=1)
        page.get_by_label("trực tuyến", exact=True).check()  # the result comes online
        for upload in page.locator("input[type=file]").all():
            upload.set_input_files(str(photo))
        _fill_required_eform(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp hồ sơ").click()
        dossier = Dossier.objects.get()
        assert dossier.state == State.SUBMITTED and dossier.return_method == "online"
        _check(page, "full-submitted")

        # The counter accepts it, then asks for two items at once.
        officer = _staff(dossier.receiving_agency, Role.RECEIVING_OFFICER)
        _move(dossier, Action.ACCEPT, officer)
        _move(
            dossier,
            Action.REQUEST_SUPPLEMENT,
            officer,
            reason="Bản sao giấy khai sinh\nẢnh chân dung 4x6",
        )
        page.reload()
        expect(page.get_by_text("Bản sao giấy khai sinh").first).to_be_visible()
        _check(page, "full-supplement-asked")
        with page.expect_navigation():
            page.get_by_role("link", name="Gửi hồ sơ bổ sung").click()
        _check(page, "full-supplement-form")
        # Only the first item: refused in plain Vietnamese, nothing recorded.
        page.set_input_files("#item_0", str(photo))
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
        expect(page.locator("#item_1_error")).to_contain_text("ít nhất một tệp")
        page.set_input_files("#item_0", str(photo))
        page.set_input_files("#item_1", str(photo))
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
        dossier.refresh_from_db()
        assert dossier.state == State.IN_PROGRESS
        _check(page, "full-supplement-sent")

        # Handled, approved and signed; the result is recorded as a signed PDF.
        specialist = _staff(dossier.handling_agency, Role.SPECIALIST)
        leader = _staff(dossier.competent_agency, Role.LEADER)
        _move(dossier, Action.ASSIGN, officer, assignee=specialist)
        _move(dossier, Action.PROPOSE, specialist)
        dossier = _move(dossier, Action.APPROVE, leader)
        pdf = render_pdf('<html lang="vi"><body><p>Trích lục hộ tịch số 7/TLHT</p></body></html>')
        result_document_record(
            dossier=dossier,
            stage="final",
            data=ResultDocumentData(
                number="7/TLHT",
                issued_on=date(2026, 12, 8),
                upload=SimpleUploadedFile("ket-qua.pdf", pdf),
            ),
            actor=leader,
            stored=[],
        )
        page.reload()
        _check(page, "full-result-ready")
        with page.expect_download() as download:
            page.get_by_role("link", name="Tải kết quả").click()
        saved = tmp_path / "ket-qua.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF")
        dossier.refresh_from_db()
        assert dossier.state == State.RETURNED  # returned online, the day it was downloaded
        page.reload()
        _check(page, "full-returned")
    finally:
        context.close()


def test_the_portal_works_at_200_percent_zoom_and_with_the_keyboard_alone(browser, demo):
    """At 200 % zoom a 390 px phone shows 195 CSS pixels: nothing may need sideways scrolling.
    With the keyboard only, the sign-in form is reached, filled and sent."""
    version = _procedure("partial")
    context = browser.new_context(
        viewport={"width": PHONE["width"] // 2, "height": PHONE["height"] // 2},
        device_scale_factor=2,
    )
    page = context.new_page()
    try:
        for path in ("/", f"/thu-tuc/{version.procedure_id}/", "/cong-dan/dang-nhap/", "/tra-cuu/"):
            page.goto(demo + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] // 2, (path, width)
        page.screenshot(path=str(SCREENSHOT_DIR / "citizen-zoom-200.png"), full_page=True)

        page.goto(f"{demo}/cong-dan/dang-nhap/")
        field = page.locator("#id_destination")
        for _ in range(40):  # Tab from the top of the page until the phone field has focus
            page.keyboard.press("Tab")
            if field.evaluate("e => e === document.activeElement"):
                break
        else:
            raise AssertionError("the phone field cannot be reached with Tab")
        # The field with focus shows it (an outline or a ring), as keyboard users need.
        ring = field.evaluate(
            "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow]; }"
        )
        assert ring[0] != "none" or ring[1] != "none", ring
        page.keyboard.type("0912345678")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/cong-dan/dang-nhap/ma/")
    finally:
        context.close()

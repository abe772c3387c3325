"""A citizen on a 390 px phone: signs in with the code sent by SMS, submits a một phần
procedure with a phone photo and follows the dossier. Every page fits the screen and passes
axe-core; screenshots are kept."""

from PIL import Image

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations


def _procedure(online_level):
    from catalog.demo import catalog_seed
    from catalog.models import Channel, ProcedureVersion, VersionStatus
    from catalog.selectors import receiving_points

    catalog_seed()
    for version in ProcedureVersion.objects.filter(
        status=VersionStatus.PUBLISHED,
        online_level=online_level,
        channels__channel=Channel.ONLINE,
        channels__available=True,
    ).order_by("pk"):
        if receiving_points(version.procedure).exists():
            return version
    raise AssertionError(f"the demo catalogue has no {online_level} procedure to submit")


def _fill_required_eform(page):
    """Fill each required field of the declaration with a value of its type."""
    selector = ":is(input, select, textarea)[id^=id_ef-][required]"
    for item in page.locator(selector).all():
        tag = item.evaluate("e => e.tagName")
        kind = item.get_attribute("type") or ""
        if tag == "SELECT":
            item.select_option(index=1)
        elif kind == "checkbox" or kind == "radio":
            item.check()
        elif item.input_value():
            continue
        elif item.get_attribute("placeholder") == "dd/mm/yyyy":
            item.fill("01/01/2020")
        elif item.get_attribute("inputmode") == "numeric":
            item.fill("001090012345")
        elif item.get_attribute("inputmode") == "decimal":
            item.fill("1")
        else:
            item.fill("Nguyễn Văn Bình")


def _check(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width)
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"citizen-{name}.png"), full_page=True)


def test_a_citizen_signs_in_by_code_and_submits_from_a_phone(browser, demo, tmp_path):
    import re

    from dossiers.models import Dossier
    from notifications.models import Notification

    version = _procedure("partial")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    photo = tmp_path / "giay-to.jpg"
    Image.new("RGB", (1200, 1600), "white").save(photo, "JPEG")
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{demo}/thu-tuc/{version.procedure_id}/")
        with page.expect_navigation():
            page.get_by_role("link", name="Nộp trực tuyến").click()
        _check(page, "sign-in")
        page.fill("#id_destination", "0912 345 678")
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi mã cho tôi").click()
        _check(page, "code")
        body = Notification.objects.filter(recipient="0912345678").latest("id").body
        page.fill("#id_code", re.search(r"\d{6}", body).group(0))
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        assert "/cong-dan/ho-so-nhap/" in page.url
        _check(page, "draft")
        page.fill("#id_full_name", "Nguyễn Văn An")
        page.fill("#id_id_number", "001090012345")
        page.fill("#id_birth_date", "01/05/1990")
        page.fill("#id_address", "Số 1 phố Hàng Bạc")
        page.select_option("#id_receiving_agency", index=1)
        page.get_by_label("qua Zalo").check()
        for upload in page.locator("input[type=file]").all():
            upload.set_input_files(str(photo))
        _fill_required_eform(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp hồ sơ").click()
        if "/cong-dan/ho-so/" not in page.url:
            page.screenshot(path=str(SCREENSHOT_DIR / "citizen-draft-errors.png"), full_page=True)
        assert "/cong-dan/ho-so/" in page.url, page.locator(".errorlist").all_inner_texts()
        dossier = Dossier.objects.get()
        assert dossier.code in page.content()
        assert dossier.applicants.get().message_channel == "zalo"  # news of it come by Zalo
        _check(page, "dossier")
        page.get_by_role("link", name="Hồ sơ của tôi").click()
        _check(page, "my-dossiers")
    finally:
        context.close()

"""Browser tests of the public and staff pages with the demo data: language, commune
isolation per role, TOTP set-up, the working calendar, accessibility (axe-core) and the phone
layout."""

from .conftest import (
    DESKTOP,
    MFA_SETUP_PATH,
    PHONE,
    assert_no_serious_axe_violations,
    complete_totp_setup,
    login,
)

HOANKIEM = "Phường Hoàn Kiếm"
SOCSON = "Xã Sóc Sơn"
SOCSON_CENTRE_CODE = "000.10.376.H01"
HOANKIEM_CENTRE_CODE = "000.10.70.H01"
COMMUNE_ROLES = ["tiepnhan", "chuyenvien", "lanhdao", "buudien", "tinhnguyen", "kiemtra", "quantri"]
NOT_FOUND_HEADING = "Không tìm thấy trang"


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_the_home_page_is_in_vietnamese_and_lists_the_centres_of_both_communes(page, demo):
    page.goto(f"{demo}/")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Bộ phận Một cửa giải quyết thủ tục hành chính"
    text = main_text(page)
    assert "Giờ làm việc" in text
    assert f"Trung tâm Phục vụ hành chính công {HOANKIEM}" in text
    assert f"Trung tâm Phục vụ hành chính công {SOCSON}" in text


def test_the_language_link_switches_the_home_page_to_english_and_back(page, demo):
    page.goto(f"{demo}/")

    with page.expect_navigation():
        page.locator("a[hreflang=en]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Office hours" in main_text(page)

    with page.expect_navigation():
        page.locator("a[hreflang=vi]").click()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Giờ làm việc" in main_text(page)


def test_each_hoankiem_role_sees_only_its_own_commune(browser, demo):
    for role in COMMUNE_ROLES:
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        login(page, demo, f"hoankiem.{role}")

        response = page.goto(f"{demo}/can-bo/co-quan/")
        if role == "tinhnguyen":
            # A volunteer sees the guidance screens only (org.access.staff_required).
            assert response.status == 403
            context.close()
            continue
        text = main_text(page)
        assert HOANKIEM in text, role
        assert SOCSON not in text, role
        context.close()


def test_a_socson_officer_sees_only_socson_and_a_hoankiem_officer_gets_404_for_socson(
    browser, page, demo
):
    login(page, demo, "socson.tiepnhan")
    page.goto(f"{demo}/can-bo/co-quan/")
    assert SOCSON in main_text(page)
    assert HOANKIEM not in main_text(page)

    context = browser.new_context(locale="en-US")
    other = context.new_page()
    login(other, demo, "hoankiem.tiepnhan")
    response = other.goto(f"{demo}/can-bo/co-quan/{SOCSON_CENTRE_CODE}/")
    assert response.status == 404
    assert NOT_FOUND_HEADING in main_text(other)
    assert SOCSON not in main_text(other)
    context.close()


def test_the_system_admin_sets_up_totp_sees_both_communes_and_opens_the_admin(page, demo):
    login(page, demo, "quantri.hethong")

    page.goto(f"{demo}/can-bo/co-quan/")
    text = main_text(page)
    assert HOANKIEM in text
    assert SOCSON in text

    response = page.goto(f"{demo}/quan-tri/")
    assert response.status == 200
    assert "/quan-tri/" in page.url
    assert page.locator("#site-name").inner_text() == "MotCua"


def test_the_working_calendar_shows_the_make_up_saturday_and_computes_a_deadline(page, demo):
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/lich-lam-viec/?year=2026")
    assert "10/01/2026" in page.locator("#swap-heading + ul").inner_text()

    page.fill("#id_received", "2026-02-13T10:00")
    page.fill("#id_term_value", "3")
    page.select_option("#id_term_unit", "d")
    with page.expect_navigation():
        page.get_by_role("button", name="Tính", exact=True).click()

    result = page.locator(".result").inner_text()
    assert "25/02/2026" in result
    assert "17:00" in result


def test_public_pages_have_no_serious_accessibility_violations(page, demo):
    page.goto(f"{demo}/")
    assert_no_serious_axe_violations(page)

    page.goto(f"{demo}/dang-nhap/")
    assert_no_serious_axe_violations(page)

    page.fill("#id_username", "hoankiem.tiepnhan")
    page.fill("#id_password", "wrong password")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#login-errors").is_visible()
    assert_no_serious_axe_violations(page)

    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/")
    assert_no_serious_axe_violations(page)


def test_staff_pages_have_no_serious_accessibility_violations(page, demo):
    login(page, demo, "hoankiem.quantri", totp=False)
    assert MFA_SETUP_PATH in page.url
    assert_no_serious_axe_violations(page)
    complete_totp_setup(page)

    staff_pages = [
        "/can-bo/",
        "/can-bo/co-quan/",
        f"/can-bo/co-quan/{HOANKIEM_CENTRE_CODE}/",
        "/can-bo/nhat-ky/",
    ]
    for path in staff_pages:
        response = page.goto(f"{demo}{path}")
        assert response.status == 200, path
        assert_no_serious_axe_violations(page)

    page.goto(
        f"{demo}/can-bo/lich-lam-viec/?year=2026&received=2026-02-13T10%3A00"
        "&term_value=3&term_unit=d&agency="
    )
    assert page.locator(".result").is_visible()
    assert_no_serious_axe_violations(page)

    response = page.goto(f"{demo}/can-bo/co-quan/{SOCSON_CENTRE_CODE}/")
    assert response.status == 404
    assert_no_serious_axe_violations(page)

    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/can-bo/")
    assert_no_serious_axe_violations(page)


def test_the_home_page_has_no_horizontal_scroll_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"page is {scroll_width}px wide"


def test_verification_and_error_pages_have_no_serious_accessibility_violations(browser, demo):
    """The TOTP code page an administrator sees at each later login, and the 403 page."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    login(page, demo, "hoankiem.quantri")  # first login: sets up the device
    context.close()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    login(page, demo, "hoankiem.quantri", totp=False)
    assert "/xac-thuc/" in page.url
    assert_no_serious_axe_violations(page)
    context.close()

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    login(page, demo, "hoankiem.tiepnhan")
    response = page.goto(f"{demo}/can-bo/nhat-ky/")
    assert response.status == 403
    assert "Bạn không có quyền" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)
    context.close()

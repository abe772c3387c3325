"""Browser test of the duty roster with the demo data: the public notice (screen, phone and
A4 landscape print) and the staff week page, each checked with axe-core."""

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login

HOANKIEM_CENTRE_CODE = "000.10.70.H01"


def test_the_public_roster_prints_and_the_officer_adds_a_shift(page, demo):
    from counter.demo import roster_seed

    roster_seed()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    page.goto(f"{demo}/lich-truc/{HOANKIEM_CENTRE_CODE}/")
    text = page.locator("main").inner_text()
    assert "LỊCH TRỰC HƯỚNG DẪN, HỖ TRỢ CÔNG DÂN" in text
    assert "Đặng Thị Ngọc Ánh" in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "hoankiem.tinhnguyen" not in page.content()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "roster_public.png"), full_page=True)

    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / "roster_public.pdf"), prefer_css_page_size=True)
    page.emulate_media(media="screen")

    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOT_DIR / "roster_public_phone.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"page is {scroll_width}px wide"
    page.set_viewport_size({"width": 1366, "height": 768})

    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/lich-truc/")
    assert "Lịch trực" in page.locator("h1").inner_text()
    page.select_option("#id_day", index=6)
    page.fill("#id_counter", "Quầy 4")
    page.fill("#id_helper_name", "Vũ Thị Thanh")
    page.select_option("#id_organisation", "fatherland_front")
    with page.expect_navigation():
        page.locator(".roster-add button[type=submit]").click()
    assert "Đã xếp Vũ Thị Thanh trực tại Quầy 4" in page.locator(".messages").inner_text()
    assert "Vũ Thị Thanh" in page.locator(".roster-grid").inner_text()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "roster_staff.png"), full_page=True)

"""Browser test of the API keys page: Hoàn Kiếm's administrator creates a key, sees it once,
the key reads the API, the administrator revokes it; the Swagger docs load from our own static
files. Each page checked with axe-core, screenshots at 1366×768 and 390 px."""

import json
import urllib.error
import urllib.request

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def _status(url: str, key: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Api-Key {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  local server
            json.loads(response.read())
            return response.status
    except urllib.error.HTTPError as error:
        json.loads(error.read())  # errors are JSON too
        return error.code


def test_an_administrator_creates_sees_once_and_revokes_a_key(page, demo):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    login(page, demo, "hoankiem.quantri")
    page.goto(f"{demo}/can-bo/api/")
    assert page.locator("h1").inner_text() == "Khóa API"
    page.fill("#id_name", "Cổng dữ liệu của tỉnh")
    page.check("input[name=roles][value=receiving_officer]")
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo khóa").click()
    key = page.locator("#api-key").inner_text().strip()
    assert key.startswith("mc_")
    assert "chỉ hiển thị một lần" in page.locator("main").inner_text()
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "api_key_created.png"), full_page=True)
    assert _status(f"{demo}/api/v1/dossiers/", key) == 200

    page.goto(f"{demo}/can-bo/api/")
    assert key not in page.content()
    page.screenshot(path=str(SCREENSHOT_DIR / "api_keys.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOT_DIR / "api_keys_phone.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"] + 1, f"page is {scroll_width}px wide"
    page.set_viewport_size({"width": 1366, "height": 768})
    with page.expect_navigation():
        page.get_by_role("button", name="Thu hồi khóa của Cổng dữ liệu của tỉnh").click()
    assert "Đã thu hồi khóa" in page.locator(".messages").inner_text()
    assert _status(f"{demo}/api/v1/dossiers/", key) == 401


def test_the_api_docs_load_without_any_outside_request(page, demo):
    outside = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(demo) else None,
    )
    page.goto(f"{demo}/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "MotCua API" in page.locator(".swagger-ui .info .title").inner_text()
    assert outside == []
    page.screenshot(path=str(SCREENSHOT_DIR / "api_docs.png"))

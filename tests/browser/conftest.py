"""Fixtures and helpers for the browser tests: headless Debian Chromium driven by Playwright,
the demo data served by pytest-django's live server, logging in (with TOTP set-up for
administrators) and the axe-core accessibility check.

Browsers are never downloaded: the tests use the system Chromium (/usr/bin/chromium or
CHROMIUM_PATH). Without it they are skipped, except in CI where they fail.
"""

import base64
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; without this Django refuses
# database access from the test (fixtures, demo_seed) because it looks like async code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_DIR.parent.parent / "var" / "screenshots"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
MFA_SETUP_PATH = "/xac-thuc/thiet-lap/"


def pytest_configure(config):
    # xdist registers this marker itself, but not when run with -p no:xdist and --strict-markers.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")


def pytest_collection_modifyitems(config, items):
    """Every test in this folder drives the browser, and all of them run on one xdist worker."""
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            item.add_marker(pytest.mark.django_db(transaction=True))


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        if _running_in_ci():
            pytest.fail(
                f"Chromium is required in CI for the browser tests, but {CHROMIUM_PATH} does not "
                "exist. Install Debian's chromium package or set CHROMIUM_PATH.",
                pytrace=False,
            )
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH} (set CHROMIUM_PATH to use another)")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Every browser test starts with empty rate-limit counters: the live server shares this
    process's cache with the tests run before it, whose form posts (feedback, comments, codes)
    would otherwise count against the next test's visitor and end in "wait 18 minutes"."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test, in English, like a visitor whose browser asks for
    English: the app answers in Vietnamese anyway. A full-page screenshot is kept for each test."""
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    try:
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def demo(live_server):
    """The demo province, communes, agencies and accounts; returns the live server's URL.

    The live server needs committed data, so the database is flushed after each test (the root
    conftest puts the rows shipped by data migrations back)."""
    from org.demo import demo_seed

    demo_seed()
    return live_server.url


def login(page, base_url, username, *, totp=True):
    """Log in through the login form. Administrators land on the TOTP set-up page at their first
    login; unless totp=False, set up the device by computing the code from the shown key."""
    from org.demo import DEMO_PASSWORD

    page.goto(f"{base_url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if totp and MFA_SETUP_PATH in page.url:
        complete_totp_setup(page)


def complete_totp_setup(page):
    """On the TOTP set-up page, read the key, compute the current code and confirm it."""
    from django_otp.oath import totp

    secret = page.locator("#totp-secret").inner_text().replace(" ", "").strip()
    secret += "=" * (-len(secret) % 8)
    code = totp(base64.b32decode(secret))
    page.fill("input[name=token]", f"{code:06d}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert MFA_SETUP_PATH not in page.url, "the TOTP code was refused"


def assert_no_serious_axe_violations(page):
    """Run axe-core on the current page; fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    if serious:
        lines = [
            f"- {v['id']} ({v['impact']}): {v['help']} — first node: {v['nodes'][0]['target']}"
            f" {v['nodes'][0].get('failureSummary', '')!r}"
            for v in serious
        ]
        pytest.fail(f"axe-core on {page.url}:\n" + "\n".join(lines), pytrace=False)

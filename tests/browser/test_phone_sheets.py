"""The printable public sheets (notice board, blank declaration) fit a phone's screen without
sideways scrolling, and still print as their A4 layout from that phone."""

from .conftest import PHONE, SCREENSHOT_DIR


def _catalogue(demo):
    from catalog.demo import catalog_seed

    catalog_seed()
    return demo


def test_the_notice_board_and_the_declaration_fit_a_390_px_phone(browser, demo):
    from catalog.models import Procedure

    base = _catalogue(demo)
    procedure = Procedure.objects.get(national_code="1.001193")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in [
            ("notice-board", "/thu-tuc/niem-yet/tat-ca/"),
            ("declaration", f"/thu-tuc/{procedure.pk}/to-khai/"),
            ("declaration-large", f"/thu-tuc/{procedure.pk}/to-khai/?lon=1"),
        ]:
            page.goto(f"{base}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
            page.screenshot(path=str(SCREENSHOT_DIR / f"phone-{name}.png"), full_page=True)
        # On a phone's screen the motto sits under the reference, on one column.
        page.goto(f"{base}/thu-tuc/{procedure.pk}/to-khai/")
        columns = "getComputedStyle(document.querySelector('.decl-header')).gridTemplateColumns"
        assert len(page.evaluate(columns).split()) == 1
        # Printed from the same phone, the sheets keep their A4 layout.
        page.emulate_media(media="print")
        assert len(page.evaluate(columns).split()) == 2
        page.goto(f"{base}/thu-tuc/niem-yet/tat-ca/")
        table = "getComputedStyle(document.querySelector('.board-table')).display"
        assert page.evaluate(table) == "table"
        page.emulate_media(media="screen")
        assert page.evaluate(table) == "block"  # one card per procedure
    finally:
        context.close()

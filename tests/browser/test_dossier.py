"""A dossier's whole life in the browser: received at the counter, receipt printed, looked up by
the citizen, processed, approved and returned."""

import pytest

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login


@pytest.fixture
def office(demo):
    from catalog.demo import catalog_seed

    catalog_seed()
    return demo


def act(page, label: str, *, choose: str = "", fill: dict | None = None):
    """Open the action on the dossier page, pick `choose` in its list if given, type `fill`
    (field name → text; True ticks a box), confirm."""
    details = page.locator("details", has=page.locator("summary", has_text=label))
    details.locator("summary").click()
    if choose:
        select = details.locator("select").first
        value = select.locator("option", has_text=choose).first.get_attribute("value")
        select.select_option(value)
    for name, value in (fill or {}).items():
        field = details.locator(f"[name={name}]")
        if value is True:
            field.check()
        else:
            field.fill(value)
    with page.expect_navigation():
        details.locator("button[type=submit]").click()


def test_a_dossier_goes_from_the_counter_to_the_returned_result(browser, office):
    from dossiers.models import Dossier

    counter = browser.new_context(viewport={"width": 1366, "height": 768})
    page = counter.new_page()
    login(page, office, "hoankiem.tiepnhan")
    page.goto(f"{office}/can-bo/ho-so/tiep-nhan/?q=ban sao trich luc")
    with page.expect_navigation():
        page.locator(".pick-list a").first.click()
    page.fill("#id_id_number", "001090012345")
    page.fill("#id_full_name", "Nguyễn Văn Bình")
    page.fill("#id_phone", "0912345678")
    page.fill("#id_address", "12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội")
    page.locator("#id_address").dispatch_event("change")
    for field in page.locator("fieldset textarea[required], fieldset input[required]").all():
        if field.input_value():
            continue
        if field.get_attribute("inputmode") == "decimal":
            field.fill("2")  # the number of copies asked for
        else:
            field.fill("Giấy khai sinh của Nguyễn Văn Bình")
    page.locator("[data-tick-all]").click()
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.locator("button[name=decision][value=accept]").click()

    dossier = Dossier.objects.get()
    assert dossier.code in page.locator("main h1").inner_text()
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.locator(".receipt-banner a").first.click()
    receipt = page.locator("main").inner_text()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt.upper()
    assert dossier.code in receipt
    page.emulate_media(media="print")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOT_DIR / "receipt.pdf"), format="A4")
    page.emulate_media(media="screen")

    citizen = browser.new_context(viewport={"width": 390, "height": 844})
    public = citizen.new_page()
    public.goto(f"{office}/tra-cuu/?ma={dossier.code}&kt={dossier.lookup_check}")
    text = public.locator("main").inner_text()
    assert "Nguyễn V** B" in text
    assert "0912345678" not in public.content() and "001090012345" not in public.content()
    assert_no_serious_axe_violations(public)
    public.screenshot(path=str(SCREENSHOT_DIR / "lookup-phone.png"), full_page=True)
    citizen.close()

    page.goto(f"{office}/can-bo/ho-so/{dossier.pk}/")
    act(page, "Giao chuyên viên xử lý", choose="Trần Văn Minh")
    counter.close()
    dossier.refresh_from_db()
    assert dossier.state == "in_progress"

    for username, label, state, fill in (
        ("hoankiem.chuyenvien", "Trình kết quả", "proposed", {"result_note": "Bản giấy"}),
        (
            "hoankiem.lanhdao",
            "Phê duyệt, ký",
            "result_ready",
            {"result_number": "12/TLKS", "result_date": "02/03/2026"},
        ),
    ):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        staff = context.new_page()
        login(staff, office, username)
        staff.goto(f"{office}/can-bo/ho-so/{dossier.pk}/")
        act(staff, label, fill=fill)
        dossier.refresh_from_db()
        assert dossier.state == state, (username, dossier.state)
        context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    login(page, office, "hoankiem.tiepnhan")
    page.goto(f"{office}/can-bo/ho-so/{dossier.pk}/")
    act(
        page,
        "Trả kết quả",
        fill={
            "collector_name": "Nguyễn Văn Bình",
            "collector_id": "001090012345",
            "collector_id_checked": True,
        },
    )
    dossier.refresh_from_db()
    assert dossier.state == "returned"
    timeline = page.locator("main").inner_text()
    assert "Trả kết quả" in timeline or "trả kết quả" in timeline
    assert_no_serious_axe_violations(page)
    context.close()

"""Public disclosure in the browser: a specialist publishes a poor-household list imported from
Excel and prints its notice-board sheet; a citizen reads it on a 390 px phone; axe-core clean."""

from io import BytesIO

from openpyxl import Workbook

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def _sheet(path):
    workbook = Workbook()
    for row in [
        ["Chủ hộ", "Thôn", "Số nhân khẩu", "Kết quả rà soát", "Lý do"],
        ["Nguyễn Văn Tư", "Thôn Đông", 5, "Hộ nghèo", None],
        ["Đặng Thị Hoa", "Thôn Đông", 2, "Không đạt", "Thu nhập trên chuẩn cận nghèo"],
    ]:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_poor_household_list_goes_from_excel_to_the_board_and_a_phone(
    page, browser, demo, tmp_path
):
    from disclosure.models import DisclosureItem, Hamlet
    from org.models import Agency

    committee = Agency.objects.get(code="000.00.376.H01")
    Hamlet.objects.create(agency=committee, name="Thôn Đông")
    login(page, demo, "socson.chuyenvien")
    page.goto(f"{demo}/can-bo/cong-khai/moi/")
    page.select_option("#id_agency", label=committee.name)
    page.select_option("#id_category", "poor_households")
    page.fill("#id_title", "Danh sách hộ nghèo năm 2026 - Thôn Đông")
    page.fill("#id_period_label", "Năm 2026")
    page.fill("#id_period_start", "01/01/2026")
    page.fill("#id_period_end", "31/12/2026")
    page.fill("#id_issued_on", "02/03/2026")
    page.select_option("#id_hamlet", label="Thôn Đông")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    item = DisclosureItem.objects.get()
    assert_no_serious_axe_violations(page)

    # A sheet with a wrong cell is refused whole, with its row and column.
    bad = tmp_path / "sai.xlsx"
    workbook = Workbook()
    workbook.active.append(["Chủ hộ", "Thôn", "Kết quả rà soát"])
    workbook.active.append(["Lê Văn Ba", "Thôn Đông", "giàu"])
    workbook.save(bad)
    page.set_input_files("#id_sheet", str(bad))
    with page.expect_navigation():
        page.locator("form[action$='/bang/nhap/'] button[type=submit]").click()
    assert "Chưa nhập dòng nào" in page.locator(".import-errors").inner_text()
    assert "Kết quả rà soát" in page.locator(".import-errors").inner_text()
    assert not item.rows.exists()

    page.set_input_files("#id_sheet", str(_sheet(tmp_path / "danh-sach.xlsx")))
    with page.expect_navigation():
        page.locator("form[action$='/bang/nhap/'] button[type=submit]").click()
    assert page.locator("#bang tbody tr").count() == 2
    page.fill("#id_publish_from", "01/01/2026")
    page.fill("#id_publish_until", "31/12/2030")
    with page.expect_navigation():
        page.locator("form[action$='/cong-bo/'] button[type=submit]").click()
    assert "đang công khai" in page.locator("h1 .badge").inner_text()
    assert_no_serious_axe_violations(page)

    # The notice-board sheet, printed.
    page.goto(f"{demo}/cong-khai/{item.pk}/niem-yet/")
    assert "THÔNG BÁO CÔNG KHAI" in page.locator(".official-title").inner_text()
    assert page.locator(".official-table tbody tr").count() == 2
    assert_no_serious_axe_violations(page)
    page.emulate_media(media="print")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOT_DIR / "disclosure-sheet.pdf"), format="A4")
    assert not page.locator(".official-toolbar").is_visible()
    page.emulate_media(media="screen")

    # A citizen on a phone: found without diacritics, read without sideways scrolling.
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    try:
        phone.goto(f"{demo}/cong-khai/?q=ho+ngheo+thon+dong")
        phone.get_by_role("link", name="Danh sách hộ nghèo năm 2026 - Thôn Đông").click()
        phone.wait_for_load_state()
        assert "Đặng Thị Hoa" in phone.content()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(phone)
        phone.screenshot(path=str(SCREENSHOT_DIR / "phone-disclosure.png"), full_page=True)
    finally:
        context.close()

"""Reform plans in the browser: a commune civil servant creates the year's plan, adds a task,
imports the rest of the task table from Excel (a wrong sheet first, refused whole), reports
progress with an evidence file, and prints the plan with its appendix; the plan read on a
390 px phone; axe-core clean."""

from openpyxl import Workbook

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login

HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian hoàn thành",
    "Kinh phí (đồng)",
    "Lĩnh vực PAR INDEX",
    "Chỉ số PAPI",
    "Sản phẩm",
]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _sheet(path, rows):
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_plan_with_tasks_from_excel_and_progress_with_evidence(page, browser, demo, tmp_path):
    from org.models import Agency
    from reform.models import Evidence, Plan, Task

    committee = Agency.objects.get(code="000.00.376.H01")
    centre = Agency.objects.get(code="000.10.376.H01")
    section = Agency.objects.get(code="000.20.376.H01")
    login(page, demo, "socson.chuyenvien")

    page.goto(f"{demo}/can-bo/ke-hoach/moi/")
    assert_no_serious_axe_violations(page)
    page.select_option("#id_agency", label=committee.name)
    page.fill("#id_number", "426/KH-UBND")
    page.fill("#id_issued_on", "05/01/2026")
    page.fill("#id_year", "2026")
    page.fill("#id_title", "Kế hoạch cải cách hành chính năm 2026")
    page.fill("#id_implements", "Kế hoạch số 1604/KH-UBND ngày 20/12/2025 của UBND thành phố")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    plan = Plan.objects.get()
    assert page.url.endswith(f"/can-bo/ke-hoach/{plan.pk}/")

    # One task typed in the form.
    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/nhiem-vu/moi/")
    assert_no_serious_axe_violations(page)
    page.fill("#id_content", "Niêm yết công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa")
    page.select_option("#id_lead_unit", label=centre.name)
    page.get_by_label(committee.name).check()
    page.get_by_label("trước một ngày").check()
    page.fill("#id_due_on", "30/04/2026")
    page.fill("#id_budget", "15.000.000")
    page.select_option("#id_par_field", "3")
    page.select_option("#id_papi_dimension", "5")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert Task.objects.get().due_by.isoformat() == "2026-05-04"  # after 30/4, 1/5, a weekend

    # The rest of the table from Excel: a wrong sheet is refused whole, by row and column.
    page.get_by_role("link", name="Nhập nhiệm vụ từ Excel").click()
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/nhap/")
    bad = _sheet(
        tmp_path / "sai.xlsx",
        [
            [1, "Số hóa hồ sơ", centre.name, "", "Quý III/2026", 12_000_000, 7, 8, ""],
            [2, "Khảo sát SIPAS", "Công an xã", "", "sớm", "", "", "", ""],
        ],
    )
    page.set_input_files("#id_sheet", str(bad))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    errors = page.locator(".import-errors").inner_text()
    assert "Không nhập" in errors or "Chưa nhập" in errors
    assert "Đơn vị chủ trì" in errors and "Thời gian thực hiện" in errors
    assert Task.objects.count() == 1
    assert_no_serious_axe_violations(page)
    good = _sheet(
        tmp_path / "nhiem-vu.xlsx",
        [
            [
                1,
                "Số hóa hồ sơ, kết quả giải quyết TTHC",
                centre.name,
                committee.name,
                "Quý III/2026",
                12_000_000,
                7,
                8,
                "Tỷ lệ số hóa",
            ],
            [
                2,
                "Công khai danh sách hộ nghèo tại nhà văn hóa thôn",
                section.name,
                "Trưởng các thôn",
                "Thường xuyên",
                "",
                8,
                2,
                "",
            ],
        ],
    )
    page.set_input_files("#id_sheet", str(good))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".task-table tbody tr").count() == 3
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "reform-plan-1366.png"), full_page=True)

    # Progress with evidence on the first task.
    page.locator(".task-table tbody tr").first.get_by_role("link").click()
    page.wait_for_url("**/nhiem-vu/*/")
    page.select_option("#id_status", "done")
    page.fill("#id_percent_done", "100")
    page.fill("#id_note", "Đã niêm yết đủ 100% thủ tục; ảnh bảng niêm yết kèm theo.")
    evidence = tmp_path / "bien-ban-niem-yet.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#id_files", str(evidence))
    with page.expect_navigation():
        page.locator("#bao-cao form button[type=submit]").click()
    assert "Đã ghi tiến độ" in page.content()
    assert page.get_by_role("link", name="bien-ban-niem-yet.pdf").is_visible()
    assert Evidence.objects.count() == 1
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "reform-task-1366.png"), full_page=True)

    # The overdue task (due by the end of quarter III) is in the lead unit's "Việc hôm nay", and
    # the PAPI page lists the tasks under the dimensions they serve.
    page.goto(f"{demo}/can-bo/hom-nay/")
    assert (
        "Số hóa hồ sơ, kết quả giải quyết TTHC"
        in page.locator("#section-ke-hoach-qua-han").inner_text()
    )
    page.goto(f"{demo}/can-bo/bao-cao/papi/?year=2026&agency={committee.pk}")
    assert (
        page.get_by_role("link", name="426/KH-UBND · 3. Công khai danh sách hộ nghèo").count() == 1
    )
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "reform-papi-1366.png"), full_page=True)

    # The plan and its appendix, printed.
    page.goto(f"{demo}/can-bo/ke-hoach/{plan.pk}/in/")
    assert "PHỤ LỤC" in page.locator(".official--appendix").inner_text()
    assert_no_serious_axe_violations(page)
    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / "reform-plan.pdf"), format="A4")
    assert not page.locator(".official-toolbar").is_visible()
    page.emulate_media(media="screen")

    # The same plan on a phone: one card per task, no sideways scrolling.
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    try:
        login(phone, demo, "socson.chuyenvien")
        phone.goto(f"{demo}/can-bo/ke-hoach/{plan.pk}/")
        assert "Số hóa hồ sơ" in phone.content()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(phone)
        phone.screenshot(path=str(SCREENSHOT_DIR / "reform-plan-390.png"), full_page=True)
    finally:
        context.close()

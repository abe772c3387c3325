"""The inspection team in the browser: the commune's inspector runs an inspection of the
one-stop centre from the shipped checklist, records results, a follow-up action and a
commendation, concludes it and prints the report (A4); axe-core clean; screenshots kept."""

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def test_an_inspector_runs_an_inspection_from_the_checklist_and_prints_it(page, demo):
    from inspection.models import Inspection
    from org.models import Agency

    centre = Agency.objects.get(code="000.10.376.H01")
    login(page, demo, "socson.kiemtra")
    page.goto(f"{demo}/can-bo/kiem-tra/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Bắt đầu kiểm tra").click()
    page.wait_for_url("**/kiem-tra/moi/")
    page.select_option("#id_agency", label=centre.name)
    page.fill("#id_place", "Quầy số 2")
    page.fill("#id_inspected_on", "31/02/2026")
    page.fill("#id_team", "Nguyễn Văn Kiểm (tổ trưởng), Lê Thị Tra")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # A wrong date is refused beside its field, in Vietnamese, and nothing is saved.
    assert "dd/mm/yyyy" in page.locator(".errorlist").first.inner_text()
    assert not Inspection.objects.exists()
    page.fill("#id_inspected_on", "09/03/2026")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    inspection = Inspection.objects.get()
    assert page.locator(".finding").count() == 6
    assert "Số liệu từ hệ thống" in page.locator(".finding__evidence").first.inner_text()
    assert_no_serious_axe_violations(page)

    for finding in inspection.findings.order_by("position"):
        form = page.locator(f"form[action$='/muc/{finding.pk}/']")
        if finding.position == 2:
            form.locator("select").select_option("not_met")
            form.locator("textarea").fill("Thủ tục khai sinh thiếu mẫu tờ khai điền sẵn.")
        else:
            form.locator("select").select_option("met")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert page.locator(".finding--met").count() == 5

    action = page.locator("form[action$='/viec/']")
    action.locator("#id_description").fill("Bổ sung mẫu tờ khai điền sẵn")
    action.locator("#id_owner").select_option(label="Bùi Thị Hương")
    action.locator("#id_due_on").fill("20/03/2026")
    with page.expect_navigation():
        action.locator("button[type=submit]").click()
    assert "Bổ sung mẫu tờ khai điền sẵn" in page.locator("#viec-title + div").inner_text()
    outcome = page.locator("form[action$='/ket-qua/']")
    outcome.locator("#id_officer").select_option(label="Bùi Thị Hương")
    outcome.locator("#id_kind").select_option("commendation")
    outcome.locator("#id_reason").fill("Hướng dẫn người dân tận tình.")
    with page.expect_navigation():
        outcome.locator("button[type=submit]").click()
    close = page.locator("form[action$='/ket-luan/']")
    close.locator("#id_conclusion").fill("Bộ phận một cửa thực hiện cơ bản đúng quy định.")
    close.locator("#id_closed_on").fill("10/03/2026")
    with page.expect_navigation():
        close.locator("button[type=submit]").click()
    assert "đã kết luận" in page.locator("h1 .badge").inner_text()
    assert_no_serious_axe_violations(page)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / "inspection-1366.png"), full_page=True)

    page.get_by_role("link", name="Biên bản kiểm tra (A4)").click()
    page.wait_for_url("**/bien-ban/")
    assert "BIÊN BẢN KIỂM TRA" in page.locator(".official-title").inner_text()
    assert page.locator(".official-table--inspection").first.locator("tbody tr").count() == 6
    assert_no_serious_axe_violations(page)
    page.emulate_media(media="print")
    page.pdf(path=str(SCREENSHOT_DIR / "inspection-report.pdf"), format="A4")
    assert not page.locator(".official-toolbar").is_visible()
    page.emulate_media(media="screen")
    # The server's own PDF (WeasyPrint), as the team downloads it.
    response = page.request.get(f"{demo}/can-bo/kiem-tra/{inspection.pk}/bien-ban/?pdf=1")
    assert response.ok and response.body().startswith(b"%PDF")
    (SCREENSHOT_DIR / "inspection-report-weasyprint.pdf").write_bytes(response.body())

"""Browser test of the reports with the demo data: the chairman of Phường Hoàn Kiếm opens the
Decision 766 scorecard for the first quarter, drills down to the late dossiers, then exports
the quarterly statistics as PDF and Excel. Screenshots at 1366 px and 390 px, and the PDF, are
kept for review; each page is checked with axe-core."""

from datetime import timedelta
from types import SimpleNamespace

from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login

HOANKIEM_COMMITTEE = "000.00.70.H01"
HOANKIEM_CENTRE = "000.10.70.H01"


def _quarter():
    """Twelve dossiers in the first quarter of 2026: nine on time, three late."""
    from catalog.models import Channel
    from catalog.tests.builders import published
    from org.models import Agency
    from reports.tests.conftest import make_dossier, shipped_rows, vn

    shipped_rows()

    committee = Agency.objects.get(code=HOANKIEM_COMMITTEE)
    place = SimpleNamespace(centre=Agency.objects.get(code=HOANKIEM_CENTRE), committee=committee)
    version = published(
        code="1.001193", name="Đăng ký khai sinh", agencies=[committee], online_level="full"
    )
    late = []
    for number in range(12):
        received = vn(2026, 1, 5, 8) + timedelta(days=7 * number)
        channel = (Channel.ONLINE, Channel.DIRECT, Channel.POSTAL)[number % 3]
        dossier = make_dossier(
            place,
            version=version,
            received=received,
            channel=channel,
            late=number % 4 == 3,
            scanned=number % 2 == 0,
        )
        if number % 4 == 3:
            late.append(dossier.code)
    return late


def _shot(page, name):
    page.screenshot(path=str(SCREENSHOT_DIR / f"reports-{name}.png"), full_page=True)


def test_the_chairman_finds_the_late_dossiers_and_exports_the_quarter(
    page, demo, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    late = _quarter()
    login(page, demo, "hoankiem.lanhdao")
    page.get_by_role("link", name="Chỉ số phục vụ (QĐ 766)").click()
    page.fill("#id_start", "01/01/2026")
    page.fill("#id_end", "31/03/2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    expect(page.locator("td", has_text="chưa có dữ liệu").first).to_be_visible()
    expect(page.locator(".badge", has_text="chưa xác nhận").first).to_be_visible()
    assert_no_serious_axe_violations(page)
    _shot(page, "scorecard")

    page.get_by_role("link", name="Hồ sơ giải quyết trước hạn, đúng hạn").click()
    expect(page.locator("tbody tr td:first-child a")).to_have_count(len(late))
    listed = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert sorted(listed) == sorted(late)
    assert_no_serious_axe_violations(page)
    _shot(page, "late-dossiers")

    page.get_by_role("link", name="Báo cáo thống kê").click()
    page.fill("#id_start", "01/01/2026")
    page.fill("#id_end", "31/03/2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem").click()
    expect(page.get_by_text("Kỳ trước chuyển qua").first).to_be_visible()
    assert_no_serious_axe_violations(page)
    _shot(page, "statistics")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Tải PDF (A4)").click()
    pdf.value.save_as(SCREENSHOT_DIR / "reports-statistics.pdf")
    with page.expect_download() as workbook:
        page.get_by_role("link", name="Tải tệp Excel").click()
    assert workbook.value.suggested_filename.endswith(".xlsx")

    page.set_viewport_size(PHONE)
    _shot(page, "statistics-phone")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Mục tiêu", exact=True).click()
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_no_serious_axe_violations(page)
    _shot(page, "targets")
    page.get_by_role("link", name="PAR INDEX").click()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="PAPI").click()
    assert_no_serious_axe_violations(page)
    _shot(page, "papi")

    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/can-bo/bao-cao/chi-so-766/?start=01/01/2026&end=31/03/2026")
    _shot(page, "scorecard-phone")
    page.goto(f"{demo}/thong-ke-truy-cap/")
    expect(page.get_by_text("Hôm nay")).to_be_visible()
    assert_no_serious_axe_violations(page)
    _shot(page, "access-phone")

"""The procedure catalogue in the browser: a citizen's search, an administrator's edit, the
printed notice board."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOT_DIR, assert_no_serious_axe_violations, login


@pytest.fixture
def catalogue(demo):
    from catalog.demo import catalog_seed

    catalog_seed()
    return demo


def test_a_citizen_finds_birth_registration_typing_without_diacritics(page, catalogue):
    page.goto(f"{catalogue}/thu-tuc/")
    page.fill("#id_q", "dang ky khai sinh")
    with page.expect_navigation():
        page.locator("main form[role=search] button[type=submit]").click()
    link = page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True)
    assert link.is_visible()
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        link.click()
    body = page.locator("main").inner_text()
    assert "Giấy tờ cần nộp" in body or "Thành phần hồ sơ" in body
    assert "Trong ngày" in body or "trong ngày" in body
    assert "Phường Hoàn Kiếm" in body
    assert_no_serious_axe_violations(page)


def test_capitals_and_partial_words_find_the_same_procedure(page, catalogue):
    for query in ("ĐĂNG KÝ KHAI SINH", "khai sinh"):
        page.goto(f"{catalogue}/thu-tuc/?q={query}")
        expect(
            page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True)
        ).to_be_visible()
    page.goto(f"{catalogue}/thu-tuc/?q=chung thuc")
    assert "Chứng thực bản sao" in page.locator("main").inner_text()


def test_an_admin_edits_a_procedure_and_sees_a_new_version(page, catalogue):
    from catalog.models import Procedure

    procedure = Procedure.objects.get(national_code="1.001193")
    login(page, catalogue, "quantri.hethong")
    page.goto(f"{catalogue}/can-bo/thu-tuc/{procedure.pk}/")
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo phiên bản mới").click()
    page.fill("#id_version-result_type", "Giấy khai sinh (bản chính) và bản sao nếu có yêu cầu")
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu bản nháp").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Công bố bản nháp").click()
    body = page.locator("main").inner_text()
    assert "Đã công bố: phiên bản 2" in body
    page.goto(f"{catalogue}/thu-tuc/{procedure.pk}/")
    assert "bản sao nếu có yêu cầu" in page.locator("main").inner_text()


def test_the_notice_board_prints_on_a4(page, catalogue):
    page.goto(f"{catalogue}/thu-tuc/niem-yet/tat-ca/")
    assert_no_serious_axe_violations(page)
    from catalog.models import ProcedureVersion

    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.site-header', '.site-footer', 'form'].map("
        "s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    rows = page.locator(".board-table tbody tr").count()
    assert rows == ProcedureVersion.objects.filter(status="published").count() >= 25
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOT_DIR / "notice-board.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    # Rendered to PNG for review when poppler is there (CI artifacts); the PDF itself is the test.
    if Path("/usr/bin/pdftoppm").exists():
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            check=True,
        )


def test_catalogue_pages_have_no_serious_accessibility_violations(page, catalogue):
    from catalog.models import Procedure

    procedure = Procedure.objects.get(national_code="1.001193")
    public = [
        "/thu-tuc/niem-yet/truc-tuyen-toan-trinh/",
        "/thu-tuc/niem-yet/truc-tuyen-mot-phan/",
        "/thu-tuc/niem-yet/buu-chinh/",
        f"/thu-tuc/{procedure.pk}/to-khai/",
        f"/thu-tuc/{procedure.pk}/to-khai/?lon=1",
    ]
    for path in public:
        page.goto(f"{catalogue}{path}")
        assert_no_serious_axe_violations(page)
    login(page, catalogue, "quantri.hethong")
    staff = [
        "/can-bo/thu-tuc/",
        "/can-bo/thu-tuc/moi/",
        f"/can-bo/thu-tuc/{procedure.pk}/phien-ban/1/",
        f"/can-bo/thu-tuc/{procedure.pk}/het-hieu-luc/",
        f"/can-bo/thu-tuc/{procedure.pk}/phien-ban/1/bieu-mau/xem-thu/",
        f"/can-bo/thu-tuc/{procedure.pk}/phien-ban/1/bieu-mau/to-khai/",
    ]
    for path in staff:
        page.goto(f"{catalogue}{path}")
        assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.goto(f"{catalogue}/can-bo/thu-tuc/{procedure.pk}/")
        page.get_by_role("button", name="Tạo phiên bản mới").click()
    for path in (
        f"/can-bo/thu-tuc/{procedure.pk}/sua/",
        f"/can-bo/thu-tuc/{procedure.pk}/bieu-mau/",
    ):
        page.goto(f"{catalogue}{path}")
        assert_no_serious_axe_violations(page)

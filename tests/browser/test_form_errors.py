"""A refused form puts the focus on the first thing to correct (DESIGN.md), not on the page:
the first field marked invalid, or the error summary when what is wrong belongs to no field
(the checklist is incomplete)."""

from .conftest import DESKTOP, PHONE, SCREENSHOT_DIR, login

CERTIFIED_COPY = "2.000815"  # Chứng thực bản sao từ bản chính, in the seed catalogue


def _reception(page, demo):
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion

    catalog_seed()
    version = ProcedureVersion.objects.get(
        procedure__national_code=CERTIFIED_COPY, status="published"
    )
    login(page, demo, "hoankiem.tiepnhan")
    page.goto(f"{demo}/can-bo/ho-so/tiep-nhan/?thu_tuc={version.pk}")


def _submit(page):
    with page.expect_navigation():
        page.locator('button[name="decision"][value="accept"]').click()


def _focused(page) -> dict:
    return page.evaluate(
        "({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " invalid: document.activeElement.getAttribute('aria-invalid')})"
    )


def test_after_a_failed_submit_the_focus_is_on_the_first_invalid_field(page, demo):
    _reception(page, demo)
    page.fill("#id_full_name", "Nguyễn Văn Bình")
    page.fill("#id_birth_date", "01/01/0001")
    _submit(page)
    assert _focused(page) == {"id": "id_id_number", "tag": "INPUT", "invalid": "true"}
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOT_DIR / f"form-errors-field-{name}.png"))


def test_an_error_of_no_single_field_puts_the_focus_on_the_summary(page, demo):
    _reception(page, demo)
    page.fill("#id_full_name", "Nguyễn Văn Bình")
    page.fill("#id_id_number", "001090012345")
    page.fill("#id_ef-document_name", "Bằng tốt nghiệp trung học phổ thông")
    page.fill("#id_ef-document_issuer", "Sở Giáo dục và Đào tạo Hà Nội")
    page.fill("#id_ef-page_count", "1")
    page.fill("#id_ef-copy_count", "2")
    page.locator('.checklist input[type="checkbox"]:checked').evaluate_all(
        "boxes => boxes.forEach(box => { box.checked = false; })"
    )
    _submit(page)
    assert _focused(page)["id"] == "form-errors"
    assert "chưa đầy đủ" in page.locator("#form-errors").inner_text()
    page.screenshot(path=str(SCREENSHOT_DIR / "form-errors-summary.png"))

"""The post-office clerk's day in the browser: an envelope registered as a postal dossier, its
receipt (Mẫu 01) posted back, the postage taken in cash with its receipt, the result sent back
by post with its label, "delivered" pushed from the demo carrier, and the citizen's lookup
showing the delivery. The label and the receipts are kept as PDFs and as PNG pages to look at."""

import shutil
import subprocess

import pytest

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


@pytest.fixture
def office(demo):
    from catalog.demo import catalog_seed

    catalog_seed()
    return demo


def _to_result_ready(code: str) -> None:
    """The commune's specialist and leader do their part (their screens have their own tests)."""
    from dossiers.models import Dossier
    from dossiers.services import Move, dossier_transition
    from dossiers.workflow import Action
    from org.models import User

    specialist = User.objects.get(username="hoankiem.chuyenvien")
    steps = [
        (Action.ASSIGN, "hoankiem.tiepnhan", {"assignee": specialist}),
        (Action.PROPOSE, "hoankiem.chuyenvien", {}),
        (Action.APPROVE, "hoankiem.lanhdao", {}),
    ]
    for action, username, extra in steps:
        dossier = Dossier.objects.get(code=code)
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, **extra),
            actor=User.objects.get(username=username),
        )


def _as_png(pdf_path) -> None:
    """The PDF's first page as a PNG beside it (poppler's pdftoppm), to look at."""
    if shutil.which("pdftoppm"):
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
                "-singlefile",
                str(pdf_path),
                str(pdf_path.with_suffix("")),
            ],
            check=True,
            timeout=60,
        )


def test_a_postal_item_goes_in_and_its_result_comes_back_by_post(browser, office):
    from dossiers.models import Dossier

    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    login(page, office, "hoankiem.buudien")
    assert "/can-bo/buu-chinh/" in page.url  # the clerk starts on the postal page
    with page.expect_navigation():
        page.locator("a[href$='/buu-gui-den/moi/']").click()
    page.fill("#id_item_number", "EB 123456785 VN")
    page.fill("#id_sender_name", "Nguyễn Văn Bình")
    page.fill("#id_sender_address", "12 Hàng Bạc")
    page.fill("#id_sender_phone", "0912 345 678")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.fill("#q", "dang ky khai sinh")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    with page.expect_navigation():
        page.locator("main a[href*='thu-tuc=']").first.click()
    page.fill("#id_id_number", "001090012345")
    for box in page.locator("input[type=checkbox][name^=doc_]").all():
        box.check()
    page.select_option("#id_addr-province", label="Thành phố Hà Nội")
    page.fill("#id_addr-commune", "Phuong Hoan Kiem")
    page.fill("#id_addr-phone", "0912345678")
    page.screenshot(path=str(SCREENSHOT_DIR / "postal-register.png"), full_page=True)
    assert_no_serious_axe_violations(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    dossier = Dossier.objects.get()
    assert dossier.channel == "3" and dossier.return_method == "post"
    assert "EB123456785VN" in page.locator("main").inner_text()

    # The postage, owed through payments, taken in cash by the clerk: its receipt.
    with page.expect_navigation():
        page.locator("#thanh-toan form[action*='/thu/'] button[type=submit]").first.click()
    assert "/bien-lai/" in page.url
    page.screenshot(path=str(SCREENSHOT_DIR / "postal-postage-receipt-page.png"), full_page=True)
    fee_receipt = page.request.get(page.url + "?pdf=1")
    assert fee_receipt.ok and fee_receipt.body().startswith(b"%PDF")
    (SCREENSHOT_DIR / "postal-postage-receipt.pdf").write_bytes(fee_receipt.body())
    _as_png(SCREENSHOT_DIR / "postal-postage-receipt.pdf")

    # The receipt (Mẫu 01) goes back by post: printed, then handed to the post.
    page.goto(f"{office}/can-bo/buu-chinh/")
    receipts = page.locator("section[aria-labelledby=receipts]")
    assert dossier.code in receipts.inner_text()
    mau01 = page.request.get(f"{office}/can-bo/ho-so/{dossier.pk}/mau/01/?pdf=1")
    assert mau01.ok and mau01.body().startswith(b"%PDF")
    (SCREENSHOT_DIR / "postal-receipt-mau01.pdf").write_bytes(mau01.body())
    _as_png(SCREENSHOT_DIR / "postal-receipt-mau01.pdf")
    with page.expect_navigation():
        receipts.get_by_role("button", name="Bàn giao cho bưu chính").click()
    assert dossier.code not in page.locator("section[aria-labelledby=receipts]").inner_text()

    _to_result_ready(dossier.code)
    page.goto(f"{office}/can-bo/buu-chinh/")
    with page.expect_navigation():
        page.locator("#order ~ ul a").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo đơn với bưu chính").click()
    with page.expect_download() as label:
        page.get_by_role("link", name="In phiếu gửi (A5)").click()
    label.value.save_as(str(SCREENSHOT_DIR / "postal-label.pdf"))
    _as_png(SCREENSHOT_DIR / "postal-label.pdf")
    with page.expect_navigation():
        page.get_by_role("button", name="Bưu chính đã nhận bưu gửi").click()
    page.select_option("#demo-status", "delivered")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi trạng thái").click()
    page.screenshot(path=str(SCREENSHOT_DIR / "postal-delivery.png"), full_page=True)
    dossier.refresh_from_db()
    assert dossier.state == "returned" and dossier.returned_by_post

    citizen = browser.new_context(viewport=PHONE).new_page()
    citizen.goto(f"{office}/tra-cuu/?ma={dossier.code}&kt={dossier.lookup_check}")
    text = citizen.locator("main").inner_text()
    assert "Kết quả gửi qua bưu chính" in text and "Đã phát thành công" in text
    assert "Hàng Bạc" not in text
    citizen.screenshot(path=str(SCREENSHOT_DIR / "postal-lookup-390.png"), full_page=True)
    assert_no_serious_axe_violations(citizen)

    clerk_phone = browser.new_context(viewport=PHONE).new_page()
    login(clerk_phone, office, "hoankiem.buudien")
    clerk_phone.screenshot(path=str(SCREENSHOT_DIR / "postal-today-390.png"), full_page=True)
    assert_no_serious_axe_violations(clerk_phone)
    context.close()

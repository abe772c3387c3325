"""The post-office clerk's day in the browser: an envelope registered as a postal dossier, the
result sent back by post with its label, "delivered" pushed from the demo carrier, and the
citizen's lookup showing the delivery."""

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

    _to_result_ready(dossier.code)
    page.goto(f"{office}/can-bo/buu-chinh/")
    with page.expect_navigation():
        page.locator("#order ~ ul a").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo đơn với bưu chính").click()
    with page.expect_download() as label:
        page.get_by_role("link", name="In phiếu gửi (A5)").click()
    label.value.save_as(str(SCREENSHOT_DIR / "postal-label.pdf"))
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
    context.close()

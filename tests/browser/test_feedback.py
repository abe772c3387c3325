"""A citizen sends feedback from a phone without an account and later reads the published
answer; the officers' pages for it pass axe-core too."""

from playwright.sync_api import expect

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def test_a_citizen_sends_feedback_on_a_phone_and_later_reads_the_answer(browser, demo):
    from feedback.models import FeedbackItem
    from feedback.services import Move, feedback_transition
    from feedback.workflow import Action
    from org.models import User

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    context.set_default_timeout(10_000)
    phone = context.new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    try:
        phone.goto(f"{demo}/phan-anh-kien-nghi/gui/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(phone)
        phone.select_option("#id_agency", label="Ủy ban nhân dân Phường Hoàn Kiếm")
        phone.fill("#id_subject", "Bảng niêm yết thiếu mức lệ phí")
        phone.fill("#id_content", "Bảng niêm yết thủ tục chứng thực không ghi mức lệ phí.")
        phone.fill("#id_sender_name", "Lê Thị Hoa")
        # Sent without a contact first: the form says what is missing and keeps the text.
        phone.locator("main form button[type=submit]").click()
        expect(phone.locator(".form-errors")).to_be_visible()
        assert phone.input_value("#id_subject") == "Bảng niêm yết thiếu mức lệ phí"
        phone.fill("#id_sender_phone", "0987 111 222")
        phone.screenshot(path=str(SCREENSHOT_DIR / "feedback-send-phone.png"), full_page=True)
        with phone.expect_navigation():
            phone.locator("main form button[type=submit]").click()
        item = FeedbackItem.objects.get()
        code = phone.locator(".feedback-code").inner_text().strip()
        assert code == item.code
        assert_no_serious_axe_violations(phone)
        phone.screenshot(path=str(SCREENSHOT_DIR / "feedback-sent-phone.png"), full_page=True)

        # The commune handles it: accepted, assigned, answered, published.
        people = {u.username: u for u in User.objects.filter(username__startswith="hoankiem.")}
        steps = [
            ("hoankiem.tiepnhan", Action.ACCEPT, {}),
            ("hoankiem.lanhdao", Action.ASSIGN, {"assignee": people["hoankiem.chuyenvien"]}),
            ("hoankiem.chuyenvien", Action.ANSWER, {"note": "Đã bổ sung mức lệ phí."}),
            (
                "hoankiem.lanhdao",
                Action.PUBLISH,
                {"public_question": "Bảng niêm yết thiếu lệ phí.", "public_answer": "Đã bổ sung."},
            ),
        ]
        for who, action, extra in steps:
            item.refresh_from_db()
            feedback_transition(
                item_id=item.pk,
                move=Move(action=action, expected_version=item.version, **extra),
                actor=people[who],
            )

        phone.goto(f"{demo}/phan-anh-kien-nghi/tra-cuu/")
        phone.fill("#id_ma", code.lower())
        with phone.expect_navigation():
            phone.locator("main form button[type=submit]").click()
        assert "Đã bổ sung mức lệ phí." in phone.locator("main").inner_text()
        with phone.expect_navigation():
            phone.get_by_role("link", name="Câu trả lời được công khai").click()
        text = phone.locator("main").inner_text()
        assert "Đã bổ sung." in text and "Lê Thị Hoa" not in text and "0987" not in text
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(phone)
        phone.screenshot(path=str(SCREENSHOT_DIR / "feedback-answer-phone.png"), full_page=True)
        phone.goto(f"{demo}/phan-anh-kien-nghi/tra-loi/?q=niem+yet")
        assert "Bảng niêm yết thiếu mức lệ phí" in phone.locator("main").inner_text()
        assert_no_serious_axe_violations(phone)
    finally:
        context.close()


def test_the_officers_feedback_pages_pass_axe(page, demo):
    from core.actors import Actor
    from feedback.models import Channel, Kind
    from feedback.services import Submission, feedback_register
    from org.models import Agency

    agency = Agency.objects.get(name="Ủy ban nhân dân Phường Hoàn Kiếm")
    item = feedback_register(
        submission=Submission(
            agency=agency,
            channel=Channel.WEB,
            kind=Kind.REPORT,
            sender_name="Lê Văn Tư",
            sender_phone="0987111333",
            subject="Chờ lâu",
            content="Chờ lâu ở quầy.",
        ),
        actor=Actor.applicant(),
    )
    login(page, demo, "hoankiem.tiepnhan")
    for path in (
        "/can-bo/phan-anh/",
        f"/can-bo/phan-anh/{item.pk}/",
        "/can-bo/phan-anh/tiep-nhan/",
        "/can-bo/phan-anh/ty-le-dung-han/",
    ):
        page.goto(f"{demo}{path}")
        assert_no_serious_axe_violations(page)
    page.goto(f"{demo}/can-bo/phan-anh/{item.pk}/")
    page.screenshot(path=str(SCREENSHOT_DIR / "feedback-item-desktop.png"), full_page=True)

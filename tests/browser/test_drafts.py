"""Drafts for public comment in the browser: a commune civil servant puts a draft up for
comment; a citizen comments from a 390 px phone (no account, contact kept private); the officer
shows and answers it and, after the period, publishes the summary (bảng tổng hợp tiếp thu, giải
trình) that the citizen reads on the phone; axe-core clean; screenshots at 1366 and 390 px."""

from datetime import timedelta

from .conftest import PHONE, SCREENSHOT_DIR, assert_no_serious_axe_violations, login


def test_a_citizen_comments_on_a_draft_from_a_phone_and_an_officer_publishes_the_summary(
    page, browser, demo
):
    from disclosure.models import Draft, DraftComment
    from disclosure.selectors import today
    from org.models import Agency

    committee = Agency.objects.get(code="000.00.376.H01")
    day = today()
    login(page, demo, "socson.chuyenvien")
    page.goto(f"{demo}/can-bo/du-thao/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Dự thảo mới").click()
    page.wait_for_url("**/du-thao/moi/")
    page.select_option("#id_agency", label=committee.name)
    page.fill("#id_title", "Dự thảo Quy chế làm việc của Bộ phận một cửa")
    page.fill(
        "#id_summary", "Giờ làm việc, trực sáng thứ Bảy và hỗ trợ tại nhà cho người cao tuổi."
    )
    page.fill("#id_body", "Điều 1. Phạm vi\nĐiều 2. Thời gian làm việc\nĐiều 3. Hỗ trợ tại nhà")
    page.fill("#id_opens_on", day.strftime("%d/%m/%Y"))
    page.fill("#id_closes_on", (day + timedelta(days=30)).strftime("%d/%m/%Y"))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    draft = Draft.objects.get()
    with page.expect_navigation():
        page.locator("form[action$='/cong-bo/'] button[type=submit]").click()
    assert "Đã đăng dự thảo" in page.locator(".messages, [role=status]").first.inner_text()

    # A citizen on a phone: reads the draft, comments with a private phone number.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    phone = context.new_page()
    try:
        phone.goto(f"{demo}/du-thao/")
        phone.get_by_role("link", name="Dự thảo Quy chế làm việc của Bộ phận một cửa").click()
        phone.wait_for_url(f"**/du-thao/{draft.pk}/")
        assert_no_serious_axe_violations(phone)
        phone.fill("#id_body", "Đề nghị trực cả sáng Chủ nhật cho người đi làm xa.")
        phone.fill("#id_section", "Điều 2")
        phone.fill("#id_contact", "0912 345 678")
        with phone.expect_navigation():
            phone.get_by_role("button", name="Gửi ý kiến").click()
        assert "Cảm ơn bạn" in phone.locator("[role=status]").inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=str(SCREENSHOT_DIR / "draft-phone-390.png"), full_page=True)
        comment = DraftComment.objects.get()
        assert comment.contact == "0912345678" and comment.status == "held"

        # The officer shows it and answers it.
        page.reload()
        assert "0912345678" in page.content()  # the contact, for staff only
        moderation = page.locator(f"form[action$='/y-kien/{comment.pk}/duyet/']")
        moderation.locator("select").select_option("1")
        with page.expect_navigation():
            moderation.locator("button[type=submit]").click()
        answer = page.locator(f"form[action$='/y-kien/{comment.pk}/tra-loi/']")
        answer.locator("textarea").first.fill("Cảm ơn ý kiến của bạn.")
        answer.locator("select").select_option("partly")
        answer.locator("textarea").last.fill(
            "Bổ sung trực sáng Chủ nhật tuần đầu của tháng; chưa đủ người trực mọi Chủ nhật."
        )
        with page.expect_navigation():
            answer.locator("button[type=submit]").click()
        assert_no_serious_axe_violations(page)

        # The comment period ends; the officer publishes the summary.
        Draft.objects.filter(pk=draft.pk).update(
            opens_on=day - timedelta(days=31), closes_on=day - timedelta(days=1)
        )
        page.reload()
        page.fill("#id_intro", "UBND xã nhận được 01 ý kiến, tiếp thu một phần.")
        with page.expect_navigation():
            page.locator("form[action$='/tong-hop/'] button[type=submit]").click()
        assert "Đã công bố bảng tổng hợp" in page.content()
        assert_no_serious_axe_violations(page)
        page.screenshot(path=str(SCREENSHOT_DIR / "draft-staff-1366.png"), full_page=True)

        # The citizen reads what was accepted and why, on the phone; no phone number shown.
        phone.goto(f"{demo}/du-thao/{draft.pk}/")
        assert phone.locator("#id_body").count() == 0  # the period is closed
        phone.get_by_role("link", name="Xem bảng tổng hợp tiếp thu, giải trình").click()
        phone.wait_for_url("**/tong-hop/")
        table = phone.locator(".summary-table").inner_text()
        assert "tiếp thu một phần" in table and "chưa đủ người trực" in table
        assert "0912" not in phone.content()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert_no_serious_axe_violations(phone)
        phone.screenshot(path=str(SCREENSHOT_DIR / "draft-summary-phone-390.png"), full_page=True)
    finally:
        context.close()
    page.goto(f"{demo}/du-thao/{draft.pk}/tong-hop/")
    assert_no_serious_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "draft-summary-1366.png"), full_page=True)

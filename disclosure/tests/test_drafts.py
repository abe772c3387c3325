"""Drafts for public comment end to end: a draft and its period, comments from the public held
for moderation (rate-limited, with a honeypot, no personal numbers), official replies, and the
summary of what was accepted and why not, published after the period."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disclosure import drafts, selectors
from disclosure.models import CommentStatus, Decision, Draft, DraftComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    holder = {"day": date(2026, 3, 10)}
    monkeypatch.setattr(selectors, "today", lambda: holder["day"])
    return holder


@pytest.fixture
def draft(people):
    made = drafts.draft_create(
        actor=people.sophie,
        agency=people.committee_a,
        title="Dự thảo Quy chế làm việc của Bộ phận một cửa",
        summary="Giờ làm việc và hỗ trợ tại nhà.",
        body="Điều 1. Phạm vi\nĐiều 2. Thời gian làm việc",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
    )
    return drafts.draft_publish(actor=people.sophie, draft=made, day=date(2026, 3, 1), version=1)


def comment_url(draft):
    return reverse("disclosure:draft-public", args=[draft.pk])


def comment(**changes):
    return {"body": "Đề nghị làm việc sáng Chủ nhật.", "section": "Điều 2"} | changes


def test_a_specialist_creates_and_publishes_a_draft(client, people, today):
    client.force_login(people.sophie)
    response = client.post(
        reverse("disclosure:draft-new"),
        {
            "agency": people.committee_a.pk,
            "title": "Dự thảo Kế hoạch CCHC 2026",
            "summary": "Các nhiệm vụ",
            "body": "I. Mục đích",
            "opens_on": "10/03/2026",
            "closes_on": "09/03/2026",
        },
    )
    assert response.status_code == 400 and not Draft.objects.exists()
    assert "Ngày kết thúc lấy ý kiến trước ngày bắt đầu" in response.content.decode()
    response = client.post(
        reverse("disclosure:draft-new"),
        {
            "agency": people.committee_a.pk,
            "title": "Dự thảo Kế hoạch CCHC 2026",
            "summary": "Các nhiệm vụ",
            "body": "I. Mục đích",
            "opens_on": "10/03/2026",
            "closes_on": "09/04/2026",
        },
    )
    made = Draft.objects.get()
    assert client.get(comment_url(made)).status_code == 404  # not yet published
    client.post(reverse("disclosure:draft-publish", args=[made.pk]), {"version": 1})
    assert client.get(comment_url(made)).status_code == 200


def test_a_citizen_comments_without_an_account_and_it_waits_for_moderation(
    client, people, draft, today
):
    response = client.post(comment_url(draft), comment(author_name="", contact="0912 345 678"))
    assert response.status_code == 302 and "da-gui=1" in response.url
    held = DraftComment.objects.get()
    assert held.status == CommentStatus.HELD and held.contact == "0912345678"
    page = client.get(comment_url(draft)).content.decode()
    assert "Đề nghị làm việc sáng Chủ nhật" not in page  # not shown before moderation
    client.force_login(people.sophie)
    moderate = reverse("disclosure:draft-moderate", args=[draft.pk, held.pk])
    refused = client.post(moderate, {f"m{held.pk}-show": "0", f"m{held.pk}-note": ""})
    assert refused.status_code == 400 and "lý do" in refused.content.decode()
    client.post(moderate, {f"m{held.pk}-show": "1"})
    client.logout()
    page = client.get(comment_url(draft)).content.decode()
    assert "Đề nghị làm việc sáng Chủ nhật" in page and "Một người dân" in page
    assert "0912" not in page  # the contact is never shown


def test_the_honeypot_and_personal_numbers_are_refused_with_a_message(client, draft, today):
    bot = client.post(comment_url(draft), comment(website="http://spam.example"))
    assert bot.status_code == 400 and "phải để trống" in bot.content.decode()
    numbers = client.post(comment_url(draft), comment(body="Gọi tôi số 0912345678 nhé"))
    assert numbers.status_code == 400 and "số điện thoại" in numbers.content.decode()
    bad_contact = client.post(comment_url(draft), comment(contact="abc"))
    assert bad_contact.status_code == 400
    assert not DraftComment.objects.exists()


def test_comments_are_rate_limited_per_address_with_retry_after(client, draft, today, settings):
    settings.DRAFT_COMMENT_IP_LIMIT = 2
    from django.core.cache import cache

    cache.clear()
    for _n in range(2):
        assert client.post(comment_url(draft), comment()).status_code == 302
    third = client.post(comment_url(draft), comment())
    assert third.status_code == 429 and int(third["Retry-After"]) > 0
    assert DraftComment.objects.count() == 2


def test_comments_close_with_the_period(client, draft, today):
    today["day"] = date(2026, 4, 1)
    response = client.post(comment_url(draft), comment())
    assert response.status_code == 400 and not DraftComment.objects.exists()
    assert "Đã hết thời gian lấy ý kiến" in client.get(comment_url(draft)).content.decode()


def test_an_officer_answers_and_publishes_the_summary_after_the_period(
    client, people, draft, today
):
    first = drafts.comment_submit(draft=draft, day=today["day"], body="Thêm chỗ để xe.")
    second = drafts.comment_submit(draft=draft, day=today["day"], body="Bỏ thu phí sao y.")
    spam = drafts.comment_submit(draft=draft, day=today["day"], body="Quảng cáo")
    for shown in (first, second):
        drafts.comment_moderate(actor=people.sophie, comment=shown, show=True)
    drafts.comment_moderate(actor=people.sophie, comment=spam, show=False, note="Quảng cáo")
    client.force_login(people.sophie)
    answer = reverse("disclosure:draft-answer", args=[draft.pk, second.pk])
    missing = client.post(answer, {f"a{second.pk}-decision": "not_accepted"})
    assert missing.status_code == 400 and "giải trình" in missing.content.decode()
    client.post(
        answer,
        {
            f"a{second.pk}-decision": "not_accepted",
            f"a{second.pk}-explanation": "Mức phí do HĐND tỉnh quyết định.",
        },
    )
    summarise = reverse("disclosure:draft-summarise", args=[draft.pk])
    early = client.post(summarise, {"version": draft.version, "intro": ""})
    assert early.status_code == 400  # the period is not over
    today["day"] = date(2026, 4, 2)
    unanswered = client.post(summarise, {"version": draft.version, "intro": ""})
    assert unanswered.status_code == 400 and "trả lời mọi ý kiến" in unanswered.content.decode()
    drafts.comment_answer(
        actor=people.sophie,
        comment=DraftComment.objects.get(pk=first.pk),
        reply="Đã bố trí.",
        decision=Decision.ACCEPTED,
        explanation="Bổ sung Điều 5.",
    )
    done = client.post(summarise, {"version": draft.version, "intro": "Nhận 02 ý kiến."})
    assert done.status_code == 302
    client.logout()
    table = client.get(reverse("disclosure:draft-summary", args=[draft.pk])).content.decode()
    assert "Bảng tổng hợp tiếp thu, giải trình" in table
    assert "Mức phí do HĐND tỉnh quyết định." in table and "Bổ sung Điều 5." in table
    assert "Quảng cáo" not in table  # a comment not shown stays out of the summary
    sheet_url = reverse("disclosure:draft-summary-sheet", args=[draft.pk])
    sheet = client.get(sheet_url).content.decode()
    assert "BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH" in sheet and "Không tiếp thu" in sheet
    pdf = client.get(sheet_url + "?pdf=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pytest.raises(ValidationError):
        drafts.comment_answer(
            actor=people.sophie,
            comment=DraftComment.objects.get(pk=first.pk),
            reply="",
            decision=Decision.NOTED,
            explanation="",
        )


def test_the_summary_is_404_until_published(client, draft, today):
    assert client.get(reverse("disclosure:draft-summary", args=[draft.pk])).status_code == 404
    sheet = reverse("disclosure:draft-summary-sheet", args=[draft.pk])
    assert client.get(sheet).status_code == 404


def test_a_stale_publish_is_refused(people, draft):
    with pytest.raises(ValidationError):
        drafts.summary_publish(
            actor=people.sophie, draft=draft, intro="", day=date(2026, 4, 2), version=1
        )


def test_the_public_draft_page_uses_a_constant_number_of_queries(
    client, people, draft, today, django_assert_max_num_queries
):
    for n in range(15):
        shown = drafts.comment_submit(draft=draft, day=today["day"], body=f"Ý kiến {n}")
        drafts.comment_moderate(actor=people.sophie, comment=shown, show=True)
    with django_assert_max_num_queries(6):
        assert client.get(comment_url(draft)).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("disclosure:drafts-public")).status_code == 200


def test_a_draft_is_corrected_before_comments_and_only_its_period_moves_after(
    client, people, today
):
    made = drafts.draft_create(
        actor=people.sophie,
        agency=people.committee_a,
        title="Dự thảo có lỗi chính tả",
        summary="Tóm tắt",
        body="Điều 1",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
    )
    client.force_login(people.sophie)
    edit = reverse("disclosure:draft-edit", args=[made.pk])
    values = {
        "title": "Dự thảo Quy chế",
        "summary": "Tóm tắt",
        "body": "Điều 1",
        "opens_on": "01/03/2026",
        "closes_on": "31/03/2026",
        "version": 1,
    }
    assert client.post(edit, values).status_code == 302
    made.refresh_from_db()
    assert made.title == "Dự thảo Quy chế" and made.version == 2
    stale = client.post(edit, values | {"title": "Khác"})
    assert stale.status_code == 400 and "tải lại" in stale.content.decode()
    drafts.draft_publish(actor=people.sophie, draft=made, day=date(2026, 3, 1), version=2)
    changed = client.post(edit, values | {"title": "Khác", "version": 3})
    assert changed.status_code == 400 and "chỉ có thể sửa thời gian" in changed.content.decode()
    longer = client.post(edit, values | {"closes_on": "15/04/2026", "version": 3})
    assert longer.status_code == 302
    assert Draft.objects.get(pk=made.pk).closes_on == date(2026, 4, 15)
    client.force_login(people.alice)  # a reader does not edit
    assert client.get(edit).status_code == 403

"""The disclosure register end to end: create, import from Excel (all or nothing), publish,
the public pages inside and outside their window, search without diacritics, feed and sheet."""

import re
from datetime import date

import pytest
from django.urls import reverse

from disclosure import selectors, services
from disclosure.models import DisclosureItem, TableRow
from disclosure.tests.builders import POOR_HEADER, poor_list, xlsx

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    POOR_HEADER,
    ["Nguyễn Văn An", "Thôn Đông", 4, "Hộ nghèo", None],
    ["Trần Thị Bình", "Thôn Đông", 3, "Không đạt", "Thu nhập bình quân trên chuẩn"],
]


@pytest.fixture
def today(monkeypatch):
    """The site's day, moved by the test."""
    holder = {"day": date(2026, 3, 3)}
    monkeypatch.setattr(selectors, "today", lambda: holder["day"])
    return holder


def _publish(item, start=date(2026, 3, 3), end=date(2026, 4, 30)):
    return services.item_publish(actor=None, item=item, publish_from=start, publish_until=end)


def test_a_specialist_creates_a_list_and_its_due_day_follows_the_rule(client, people, today):
    client.force_login(people.sophie)
    response = client.post(
        reverse("disclosure:staff-new"),
        {
            "agency": people.committee_a.pk,
            "category": "poor_households",
            "title": "Danh sách hộ nghèo năm 2026 - Thôn Đông",
            "period_label": "Năm 2026",
            "period_start": "01/01/2026",
            "period_end": "31/12/2026",
            "issued_on": "13/02/2026",
            "hamlet": people.east.pk,
            "body": "",
        },
    )
    item = DisclosureItem.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "disclosure:staff-item", args=[item.pk]
    )
    assert item.due_on == date(2026, 2, 24)  # two working days after Tết
    assert item.keep_until == date(2026, 3, 26)  # and posted at least 30 days


def test_an_id_number_in_the_content_is_refused_and_nothing_is_saved(client, people, today):
    client.force_login(people.sophie)
    response = client.post(
        reverse("disclosure:staff-new"),
        {
            "agency": people.committee_a.pk,
            "category": "legal_documents",
            "title": "Quyết định mới",
            "period_label": "Năm 2026",
            "period_start": "01/03/2026",
            "period_end": "31/03/2026",
            "body": "Ông A, CCCD 001203004567",
        },
    )
    assert response.status_code == 200
    assert "không được ghi số CMND/CCCD" in response.content.decode()
    assert not DisclosureItem.objects.exists()


def test_an_excel_list_is_imported_whole_or_not_at_all(client, people, today):
    item = poor_list(people.committee_a, hamlet=people.east)
    client.force_login(people.sophie)
    url = reverse("disclosure:staff-import", args=[item.pk])
    assert client.post(url, {"sheet": xlsx(GOOD_ROWS)}).status_code == 302
    assert TableRow.objects.filter(item=item).count() == 2

    bad = [
        *GOOD_ROWS,
        ["Lê Văn Cường", "Thôn Đông", "hai", "Hộ nghèo", None],
        ["Phạm Dung", "Thôn Đông", 2, "Hộ nghèo", "gọi 0912345678"],
    ]
    response = client.post(url, {"sheet": xlsx(bad)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chưa nhập dòng nào" in page
    assert re.search(r"<td>4</td><td>Số nhân khẩu</td><td>Nhập một số nguyên.</td>", page)
    assert re.search(r"<td>5</td><td>Lý do</td>", page)
    # The earlier table is untouched.
    assert [row.data["head"] for row in TableRow.objects.filter(item=item)] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]


def test_a_file_that_is_not_excel_is_refused_with_a_message(client, people, today):
    item = poor_list(people.committee_a)
    client.force_login(people.sophie)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("danh-sach.xlsx", b"MZ\x90\x00 not a workbook")
    response = client.post(reverse("disclosure:staff-import", args=[item.pk]), {"sheet": fake})
    assert response.status_code == 400
    assert not TableRow.objects.exists()


def test_a_published_list_is_public_inside_its_window_and_archived_after(client, people, today):
    item = poor_list(people.committee_a, hamlet=people.east)
    services.table_replace(
        actor=None,
        item=item,
        rows=[{"head": "Nguyễn Văn An", "hamlet": "Thôn Đông", "result": "poor"}],
        source="test",
    )
    public_url = reverse("disclosure:public-item", args=[item.pk])
    assert client.get(public_url).status_code == 404  # a draft is not public
    _publish(item, start=date(2026, 3, 4), end=date(2026, 4, 30))
    assert client.get(public_url).status_code == 404  # scheduled for tomorrow
    today["day"] = date(2026, 3, 4)
    page = client.get(public_url)
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()
    assert "Nguyễn Văn An" not in client.get(reverse("disclosure:public-index")).content.decode()
    assert item.title in client.get(reverse("disclosure:public-index")).content.decode()
    today["day"] = date(2026, 5, 1)
    assert client.get(public_url).status_code == 404
    assert item.title not in client.get(reverse("disclosure:public-index")).content.decode()
    client.force_login(people.sophie)
    archive = client.get(reverse("disclosure:staff-register") + "?trang_thai=archive")
    assert item.title in archive.content.decode()


def test_publication_cannot_end_before_the_required_posting_period(client, people, today):
    item = poor_list(people.committee_a)  # due 4/3/2026, kept 30 days
    client.force_login(people.sophie)
    response = client.post(
        reverse("disclosure:staff-publish", args=[item.pk]),
        {"publish_from": "03/03/2026", "publish_until": "15/03/2026"},
    )
    assert response.status_code == 400
    assert "ít nhất đến ngày 03/04/2026" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "draft"


def test_the_public_search_ignores_diacritics_and_filters_by_hamlet(client, people, today):
    east = poor_list(people.committee_a, hamlet=people.east, title="Danh sách hộ nghèo Thôn Đông")
    west = poor_list(
        people.committee_a, hamlet=people.west, title="Danh sách hộ cận nghèo Thôn Tây"
    )
    _publish(east)
    _publish(west)
    index = reverse("disclosure:public-index")
    found = client.get(index, {"q": "ho ngheo thon dong"}).content.decode()
    assert east.title in found and west.title not in found
    by_hamlet = client.get(index, {"thon": people.west.pk}).content.decode()
    assert west.title in by_hamlet and east.title not in by_hamlet
    assert client.get(index, {"thon": "x", "loai": "nope", "q": "\x00"}).status_code == 200


def test_the_atom_feed_lists_what_is_public_now(client, people, today):
    item = poor_list(people.committee_a)
    hidden = poor_list(people.committee_a, title="Bản nháp chưa công khai")
    _publish(item)
    response = client.get(reverse("disclosure:public-feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert item.title in body and hidden.title not in body


def test_the_notice_sheet_prints_the_table_and_downloads_as_a_pdf(client, people, today):
    item = poor_list(people.committee_a, hamlet=people.east)
    services.table_replace(
        actor=None,
        item=item,
        rows=[{"head": "Nguyễn Văn An", "hamlet": "Thôn Đông", "members": 4, "result": "poor"}],
        source="test",
    )
    _publish(item)
    url = reverse("disclosure:public-sheet", args=[item.pk])
    page = client.get(url).content.decode()
    assert "THÔNG BÁO CÔNG KHAI" in page and "Nguyễn Văn An" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    pdf = client.get(url, {"pdf": "1"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_board_posting_counts_as_disclosure_for_the_on_time_rate(client, people, today):
    on_time = poor_list(people.committee_a, issued_on=date(2026, 3, 2))  # due 4/3
    late = poor_list(people.committee_a, issued_on=date(2026, 2, 2))  # due 4/2
    services.posting_add(
        actor=None, item=on_time, place="board", posted_on=date(2026, 3, 4), responsible="Võ Sophie"
    )
    services.posting_add(
        actor=None,
        item=late,
        place="hamlet_office",
        posted_on=date(2026, 2, 10),
        responsible="Hà Hana",
    )
    [(agency, rate)] = selectors.on_time_by_agency(people.sophie, year=2026, day=date(2026, 3, 5))
    assert agency == people.committee_a
    assert (rate.on_time, rate.total, rate.percent) == (1, 2, 50)


def test_overdue_disclosures_appear_on_todays_work_and_in_the_queue(client, people, today):
    from django.test import RequestFactory

    from core.panels import today_sections

    overdue = poor_list(people.committee_a, issued_on=date(2026, 2, 2))
    poor_list(people.committee_a, title="Chưa đến hạn", issued_on=date(2026, 3, 3))
    request = RequestFactory().get("/")
    request.user = people.sophie
    [section] = [s for s in today_sections(request) if s.key == "cong-khai-qua-han"]
    assert section.count == 1 and section.rows[0][0] == overdue.title
    request.user = people.bob
    assert not [s for s in today_sections(request) if s.key == "cong-khai-qua-han"]
    client.force_login(people.sophie)
    queue = client.get(reverse("disclosure:staff-register") + "?trang_thai=overdue")
    assert overdue.title in queue.content.decode() and "Chưa đến hạn" not in queue.content.decode()


# R6-style scan: no public disclosure page shows an ID card or phone number; drafts for comment
# included, whose commenters leave a phone number that only staff may see.
def _draft_with_a_summary(people):
    from disclosure import drafts
    from disclosure.models import Decision

    draft = drafts.draft_create(
        actor=None,
        agency=people.committee_a,
        title="Dự thảo Quy chế một cửa",
        summary="Giờ làm việc",
        body="Điều 1",
        opens_on=date(2026, 2, 1),
        closes_on=date(2026, 2, 28),
    )
    drafts.draft_publish(actor=None, draft=draft, day=date(2026, 2, 1), version=1)
    for n in range(5):
        comment = drafts.comment_submit(
            draft=draft,
            day=date(2026, 2, 10),
            body=f"Ý kiến số {n}",
            author_name="Nguyễn Văn An",
            contact=f"09123456{n:02d}",
        )
        drafts.comment_moderate(actor=people.sophie, comment=comment, show=True)
        comment.refresh_from_db()
        drafts.comment_answer(
            actor=people.sophie,
            comment=comment,
            reply="Cảm ơn",
            decision=Decision.NOT_ACCEPTED,
            explanation="Không thuộc thẩm quyền",
        )
    draft.refresh_from_db()
    return drafts.summary_publish(
        actor=people.sophie, draft=draft, intro="", day=date(2026, 3, 2), version=draft.version
    )


_PERSONAL = re.compile(r"(?<!\d)(\d{12}|\d{9}|0\d{9}|\+84\d{9})(?!\d)")


def test_no_public_disclosure_page_shows_an_id_or_phone_number(client, people, today):
    item = poor_list(people.committee_a, hamlet=people.east)
    services.table_replace(
        actor=None,
        item=item,
        rows=[
            {"head": f"Hộ số {n}", "hamlet": "Thôn Đông", "members": 3, "result": "poor"}
            for n in range(30)
        ],
        source="test",
    )
    services.posting_add(
        actor=None, item=item, place="board", posted_on=date(2026, 3, 3), responsible="Võ Sophie"
    )
    _publish(item)
    draft = _draft_with_a_summary(people)
    pages = [
        reverse("disclosure:drafts-public"),
        reverse("disclosure:draft-public", args=[draft.pk]),
        reverse("disclosure:draft-summary", args=[draft.pk]),
        reverse("disclosure:public-index"),
        reverse("disclosure:public-index") + "?loai=poor_households",
        reverse("disclosure:public-item", args=[item.pk]),
        reverse("disclosure:public-sheet", args=[item.pk]),
        reverse("disclosure:public-feed"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert not _PERSONAL.search(text), url
    # The scan can fail: the same contact is on the staff page, for the officer to answer.
    client.force_login(people.sophie)
    staff = client.get(reverse("disclosure:draft-staff", args=[draft.pk])).content.decode()
    assert _PERSONAL.search(re.sub(r"<[^>]+>", " ", staff))


def test_the_public_pages_use_a_constant_number_of_queries(
    client, people, today, django_assert_max_num_queries
):
    for n in range(12):
        item = poor_list(people.committee_a, hamlet=people.east, title=f"Danh sách {n}")
        services.table_replace(
            actor=None,
            item=item,
            rows=[{"head": f"Hộ {k}", "hamlet": "Thôn Đông", "result": "poor"} for k in range(20)],
            source="test",
        )
        _publish(item)
    with django_assert_max_num_queries(6):
        client.get(reverse("disclosure:public-index"))
    with django_assert_max_num_queries(6):
        client.get(reverse("disclosure:public-item", args=[item.pk]))

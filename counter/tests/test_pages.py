"""The roster pages: the public notice, the staff week, adding with clear messages, removing
after asking once, and a constant number of queries however full the week is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from counter.models import DutyShift, HalfDay
from counter.selectors import week_of
from counter.tests.factories import DutyShiftFactory, volunteer_of

pytestmark = pytest.mark.django_db


def public_url(agency, **query):
    url = reverse("portal:public-roster", args=[agency.code])
    return url + "".join(f"?tuan={value}" for value in query.values())


def staff_url(agency):
    return f"{reverse('counter:roster')}?co_quan={agency.code}"


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def volunteer(cast):
    return volunteer_of(
        cast.centre_a,
        username="anh.dang",
        full_name="Đặng Thị Ngọc Ánh",
        email="anh.dang@example.vn",
    )


def test_the_public_roster_shows_who_is_on_duty_without_any_contact_detail(client, cast, volunteer):
    cast.centre_a.phone = "0243 825 1234"
    cast.centre_a.save()
    DutyShiftFactory(
        agency=cast.centre_a,
        day=tomorrow(),
        helper=volunteer,
        helper_name="",
        counter="Quầy 2",
        organisation="womens_union",
    )

    response = client.get(public_url(cast.centre_a, tuan=tomorrow().isoformat()))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Đặng Thị Ngọc Ánh" in page
    assert "Quầy 2" in page
    assert "Hội Liên hiệp Phụ nữ" in page
    assert f"{tomorrow():%d/%m/%Y}" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert cast.centre_a.name.upper() in page
    for secret in ("anh.dang", "example.vn", "@", "0243", "825 1234", cast.alice.username):
        assert secret not in page, secret


def test_the_public_roster_speaks_vietnamese_day_names_and_half_days(client, cast):
    monday = week_of(tomorrow()) + timedelta(days=7)
    DutyShiftFactory(agency=cast.centre_a, day=monday, half_day=HalfDay.AFTERNOON)

    page = client.get(public_url(cast.centre_a, tuan=monday.isoformat())).content.decode()

    assert "Thứ Hai" in page and "Chủ nhật" in page
    assert "Sáng" in page and "Chiều" in page
    assert "Đoàn Thanh niên Cộng sản Hồ Chí Minh" in page
    assert f"?tuan={monday - timedelta(days=7):%Y-%m-%d}" in page
    assert f"?tuan={monday + timedelta(days=7):%Y-%m-%d}" in page


def test_only_active_centres_have_a_public_roster(client, cast):
    assert client.get(public_url(cast.committee_a)).status_code == 404
    assert client.get("/lich-truc/000.99.99.H99/").status_code == 404
    cast.centre_b.is_active = False
    cast.centre_b.save()
    assert client.get(public_url(cast.centre_b)).status_code == 404


@pytest.mark.parametrize("week", ["x", "2026-13-01", "0001-01-01", "9999-12-31", "\x00"])
def test_a_strange_week_in_the_address_shows_this_week(client, cast, week):
    response = client.get(public_url(cast.centre_a), {"tuan": week})
    assert response.status_code == 200
    assert f"{week_of(timezone.localdate()):%d/%m/%Y}" in response.content.decode()


def test_the_public_page_queries_do_not_grow_with_the_shifts(
    client, cast, django_assert_num_queries
):
    day = tomorrow()
    url = public_url(cast.centre_a, tuan=day.isoformat())
    DutyShiftFactory(agency=cast.centre_a, day=day)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(12):
        DutyShiftFactory(
            agency=cast.centre_a,
            day=day,
            helper=volunteer_of(cast.centre_a),
            helper_name="",
            counter=f"Quầy {number}",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_staff_week_queries_do_not_grow_with_the_shifts(
    client, cast, django_assert_num_queries
):
    client.force_login(cast.alice)
    day = tomorrow()
    url = f"{staff_url(cast.centre_a)}&tuan={day.isoformat()}"
    DutyShiftFactory(agency=cast.centre_a, day=day)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(12):
        DutyShiftFactory(
            agency=cast.centre_a,
            day=day + timedelta(days=number % 3),
            helper=volunteer_of(cast.centre_a),
            helper_name="",
            half_day=HalfDay.AFTERNOON if number % 2 else HalfDay.MORNING,
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_an_officer_adds_a_volunteer_account_to_the_roster(client, cast, volunteer):
    client.force_login(cast.alice)
    day = tomorrow()

    response = client.post(
        staff_url(cast.centre_a),
        {
            "co_quan": cast.centre_a.code,
            "tuan": day.isoformat(),
            "day": day.isoformat(),
            "half_day": "afternoon",
            "counter": "Quầy 3",
            "helper": volunteer.pk,
            "organisation": "youth_union",
        },
        follow=True,
    )

    shift = DutyShift.objects.get()
    assert (shift.helper, shift.half_day, shift.counter) == (volunteer, "afternoon", "Quầy 3")
    assert shift.created_by == cast.alice
    page = response.content.decode()
    assert f"Đã xếp Đặng Thị Ngọc Ánh trực tại Quầy 3, buổi chiều ngày {day:%d/%m/%Y}." in page


def test_the_helper_list_offers_the_volunteers_of_the_centre_only(client, cast, volunteer):
    volunteer_of(cast.centre_b, full_name="Tình nguyện viên Xã Bình")
    client.force_login(cast.alice)
    page = client.get(staff_url(cast.centre_a)).content.decode()
    assert "Đặng Thị Ngọc Ánh" in page
    assert "Tình nguyện viên Xã Bình" not in page
    assert cast.alice.full_name not in page.split('id="id_helper"')[1].split("</select>")[0]


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Nhập quầy, ví dụ “Quầy 2”."),
        ({}, "Chọn ngày."),
        ({}, "Chọn tổ chức của người trực trong danh sách."),
        ({"counter": "Quầy 1", "organisation": "other"}, "hoặc nhập họ tên tình nguyện viên"),
        ({"day": "2020-01-01"}, "Chọn một ngày trong tuần đang xem."),
        ({"half_day": "night"}, "Chọn buổi sáng hoặc buổi chiều."),
        ({"organisation": "club"}, "Chọn tổ chức của người trực trong danh sách."),
        ({"helper": "999999"}, "Chọn một tình nguyện viên trong danh sách."),
        ({"counter": "Q" * 41}, "Tên quầy tối đa 40 ký tự."),
    ],
)
def test_bad_input_says_what_to_fix_in_vietnamese_and_saves_nothing(client, cast, data, message):
    client.force_login(cast.alice)
    day = tomorrow()
    posted = {"co_quan": cast.centre_a.code, "tuan": day.isoformat(), "half_day": "morning"}
    if set(data) - {"counter", "organisation"}:
        posted |= {
            "day": day.isoformat(),
            "counter": "Quầy 1",
            "organisation": "other",
            "helper_name": "Lê Văn Tám",
        }
    response = client.post(staff_url(cast.centre_a), posted | data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert not DutyShift.objects.exists()


def test_account_and_name_together_or_a_past_day_are_refused_with_a_message(
    client, cast, volunteer
):
    client.force_login(cast.alice)
    day = tomorrow()
    both = client.post(
        staff_url(cast.centre_a),
        {
            "co_quan": cast.centre_a.code,
            "tuan": day.isoformat(),
            "day": day.isoformat(),
            "half_day": "morning",
            "counter": "Quầy 1",
            "organisation": "other",
            "helper": volunteer.pk,
            "helper_name": "Lê Văn Tám",
        },
    )
    assert "không chọn cả hai" in both.content.decode()

    past = timezone.localdate() - timedelta(days=1)
    late = client.post(
        staff_url(cast.centre_a),
        {
            "co_quan": cast.centre_a.code,
            "tuan": past.isoformat(),
            "day": past.isoformat(),
            "half_day": "morning",
            "counter": "Quầy 1",
            "organisation": "other",
            "helper_name": "Lê Văn Tám",
        },
    )
    assert "Ngày này đã qua" in late.content.decode()
    assert not DutyShift.objects.exists()


def test_removing_asks_once_then_removes(client, cast):
    shift = DutyShiftFactory(agency=cast.centre_a, helper_name="Trần Quốc Khánh")
    client.force_login(cast.alice)
    url = reverse("counter:shift-remove", args=[shift.pk])

    asked = client.post(url)
    assert "Trần Quốc Khánh sẽ không còn trực tại Quầy 1" in asked.content.decode()
    assert DutyShift.objects.exists()

    done = client.post(url, {"confirm": "1"}, follow=True)
    assert "Đã xóa ca trực khỏi lịch." in done.content.decode()
    assert not DutyShift.objects.exists()


def test_a_past_shift_has_no_remove_button_and_cannot_be_removed(client, cast):
    past = timezone.localdate() - timedelta(days=1)
    shift = DutyShiftFactory(agency=cast.centre_a, day=past, helper_name="Trần Quốc Khánh")
    client.force_login(cast.alice)

    page = client.get(f"{staff_url(cast.centre_a)}&tuan={past.isoformat()}").content.decode()
    assert "Trần Quốc Khánh" in page
    assert reverse("counter:shift-remove", args=[shift.pk]) not in page

    response = client.post(
        reverse("counter:shift-remove", args=[shift.pk]), {"confirm": "1"}, follow=True
    )
    assert "Ca trực của ngày đã qua được giữ lại" in response.content.decode()
    assert DutyShift.objects.exists()

"""Deadline arithmetic against the real 2025–2027 calendar; every expected value worked by hand."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import translation

from core.workdays import (
    VIETNAM,
    OfficeHours,
    Term,
    TermUnit,
    Timeliness,
    WorkingCalendar,
    add_working_minutes,
    classify,
    due_after_supplement,
    due_at,
    effective_receipt,
    extend_for_pause,
    parse_term,
    working_minutes_between,
)

# The civil-servant swaps shipped by core/migrations/0003_shipped_calendar_overrides.py. Repeated
# here as data on purpose: a migration must not import app code, and app code must not own data.
SHIPPED_SWAPS = {
    date(2025, 4, 26): (True, "Làm bù cho ngày nghỉ thứ Sáu 02/5/2025 (hoán đổi dịp 30/4 - 1/5)"),
    date(2025, 5, 2): (False, "Nghỉ hoán đổi dịp 30/4 - 1/5, làm bù thứ Bảy 26/4/2025"),
    date(2026, 1, 2): (False, "Nghỉ hoán đổi dịp Tết Dương lịch, làm bù thứ Bảy 10/01/2026"),
    date(2026, 1, 10): (
        True,
        "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026 (hoán đổi dịp Tết Dương lịch)",
    ),
    date(2026, 8, 22): (True, "Làm bù cho ngày nghỉ thứ Hai 31/8/2026 (hoán đổi dịp Quốc khánh)"),
    date(2026, 8, 31): (False, "Nghỉ hoán đổi dịp Quốc khánh, làm bù thứ Bảy 22/8/2026"),
}


@pytest.fixture
def calendar() -> WorkingCalendar:
    return WorkingCalendar(
        {day: working for day, (working, _reason) in SHIPPED_SWAPS.items()},
        reasons={day: reason for day, (_working, reason) in SHIPPED_SWAPS.items()},
    )


def vn(text: str) -> datetime:
    """'2026-03-10 14:59' as an aware datetime in Vietnam time."""
    return datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


def days(n: int) -> Term:
    return Term(n, TermUnit.WORKING_DAYS)


def hours(n: int) -> Term:
    return Term(n, TermUnit.WORKING_HOURS)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2025, 1, 27), False, id="tet-2025-first-day-monday-27-01"),
        pytest.param(date(2025, 1, 31), False, id="tet-2025-last-day-friday-31-01"),
        pytest.param(date(2025, 2, 3), True, id="monday-after-tet-2025"),
        pytest.param(date(2025, 4, 7), False, id="hung-kings-2025-monday"),
        pytest.param(date(2025, 4, 26), True, id="make-up-saturday-26-04-2025"),
        pytest.param(date(2025, 5, 2), False, id="swapped-friday-02-05-2025"),
        pytest.param(date(2025, 9, 1), False, id="national-day-adjacent-monday-01-09-2025"),
        pytest.param(date(2025, 9, 3), True, id="wednesday-after-national-day-2025"),
        pytest.param(date(2026, 1, 2), False, id="swapped-friday-02-01-2026-unknown-to-holidays"),
        pytest.param(date(2026, 1, 10), True, id="make-up-saturday-10-01-2026"),
        pytest.param(date(2026, 2, 16), False, id="tet-2026-first-day-monday-16-02"),
        pytest.param(date(2026, 2, 20), False, id="tet-2026-last-day-friday-20-02"),
        pytest.param(date(2026, 2, 23), True, id="monday-after-tet-2026"),
        pytest.param(date(2026, 4, 27), False, id="hung-kings-2026-observed-monday"),
        pytest.param(date(2026, 8, 22), True, id="make-up-saturday-22-08-2026"),
        pytest.param(date(2026, 8, 31), False, id="swapped-monday-31-08-2026"),
        pytest.param(date(2026, 11, 24), False, id="vietnamese-culture-day-2026"),
        pytest.param(date(2027, 2, 4), False, id="tet-2027-first-day-thursday-04-02"),
        pytest.param(date(2027, 2, 10), False, id="tet-2027-last-day-wednesday-10-02"),
        pytest.param(date(2027, 2, 11), True, id="thursday-after-tet-2027"),
        pytest.param(date(2027, 5, 3), False, id="labour-day-2027-observed-monday"),
        pytest.param(date(2027, 9, 3), False, id="national-day-adjacent-friday-03-09-2027"),
        pytest.param(date(2026, 3, 7), False, id="ordinary-saturday"),
        pytest.param(date(2026, 3, 8), False, id="ordinary-sunday"),
        pytest.param(date(2026, 3, 9), True, id="ordinary-monday"),
    ],
)
def test_a_day_is_a_working_day_only_when_the_official_calendar_says_so(calendar, day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        pytest.param("2026-03-07 10:00", "2026-03-09 07:30", id="saturday-moves-to-monday-opening"),
        pytest.param("2026-03-10 06:00", "2026-03-10 07:30", id="before-opening-moves-to-opening"),
        pytest.param("2026-03-10 07:30", "2026-03-10 07:30", id="at-opening-stays"),
        pytest.param("2026-03-10 16:59", "2026-03-10 16:59", id="a-minute-before-closing-stays"),
        pytest.param("2026-03-10 17:00", "2026-03-11 07:30", id="at-closing-moves-to-next-day"),
        pytest.param("2026-03-13 21:00", "2026-03-16 07:30", id="friday-night-moves-to-monday"),
        pytest.param("2026-02-18 09:00", "2026-02-23 07:30", id="during-tet-2026-moves-past-it"),
        pytest.param("2026-01-10 06:00", "2026-01-10 07:30", id="make-up-saturday-opens-as-usual"),
    ],
)
def test_the_clock_starts_at_the_next_opening_when_the_office_is_closed(
    calendar, received, expected
):
    assert effective_receipt(vn(received), calendar=calendar) == vn(expected)


@pytest.mark.parametrize(
    ("received", "term", "expected"),
    [
        # Tết 2025: 27–31/01 off, with the weekends either side.
        pytest.param("2025-01-24 10:00", days(1), "2025-02-03 17:00", id="tet-2025-friday-1d"),
        pytest.param("2025-01-23 16:00", days(2), "2025-02-03 17:00", id="tet-2025-thursday-2d"),
        pytest.param("2025-01-26 09:00", days(3), "2025-02-06 17:00", id="tet-2025-sunday-3d"),
        # Tết 2026: 16–20/02 off.
        pytest.param("2026-02-13 10:00", days(3), "2026-02-25 17:00", id="tet-2026-friday-3d"),
        pytest.param("2026-02-18 09:00", days(0), "2026-02-23 17:00", id="tet-2026-during-0d"),
        # Tết 2027: 04–10/02 off per holidays.VN.
        pytest.param("2027-02-03 10:00", days(1), "2027-02-11 17:00", id="tet-2027-1d"),
        pytest.param("2027-02-03 10:00", days(5), "2027-02-17 17:00", id="tet-2027-5d"),
        # Hùng Kings.
        pytest.param("2025-04-04 09:00", days(1), "2025-04-08 17:00", id="hung-kings-2025-1d"),
        pytest.param("2026-04-24 09:00", days(1), "2026-04-28 17:00", id="hung-kings-2026-1d"),
        # 30/4–1/5.
        pytest.param("2025-04-25 10:00", days(1), "2025-04-26 17:00", id="due-on-make-up-saturday"),
        pytest.param("2025-04-26 10:00", days(1), "2025-04-28 17:00", id="make-up-saturday-1d"),
        pytest.param("2025-04-26 10:00", days(3), "2025-05-05 17:00", id="across-30-04-2025-3d"),
        pytest.param("2025-04-29 16:00", days(1), "2025-05-05 17:00", id="across-30-04-2025-1d"),
        pytest.param("2026-04-24 09:00", days(3), "2026-05-04 17:00", id="across-30-04-2026-3d"),
        pytest.param("2026-04-29 10:00", days(1), "2026-05-04 17:00", id="across-30-04-2026-1d"),
        pytest.param("2027-04-29 10:00", days(1), "2027-05-04 17:00", id="across-01-05-2027-1d"),
        # 2/9 and its adjacent day.
        pytest.param("2025-08-29 10:00", days(1), "2025-09-03 17:00", id="national-day-2025"),
        pytest.param("2026-08-21 16:00", days(1), "2026-08-22 17:00", id="due-on-22-08-2026"),
        pytest.param("2026-08-22 08:00", days(0), "2026-08-22 17:00", id="same-day-on-22-08"),
        pytest.param("2026-08-28 10:00", days(1), "2026-09-03 17:00", id="national-day-2026"),
        pytest.param("2027-09-01 10:00", days(1), "2027-09-06 17:00", id="national-day-2027"),
        # New Year 2026 with the 02/01 swap and the 10/01 make-up Saturday.
        pytest.param("2025-12-31 10:00", days(1), "2026-01-05 17:00", id="new-year-2026-1d"),
        pytest.param("2026-01-09 10:00", days(1), "2026-01-10 17:00", id="due-on-10-01-2026"),
        # Vietnamese Culture Day.
        pytest.param("2026-11-23 10:00", days(1), "2026-11-25 17:00", id="culture-day-2026"),
        # Ordinary weeks.
        pytest.param("2026-03-06 10:00", days(1), "2026-03-09 17:00", id="friday-1d-to-monday"),
        pytest.param("2026-03-07 10:00", days(2), "2026-03-11 17:00", id="saturday-2d"),
        pytest.param("2026-03-10 06:00", days(1), "2026-03-11 17:00", id="before-opening-1d"),
        pytest.param("2026-03-10 17:00", days(1), "2026-03-12 17:00", id="at-closing-1d"),
        pytest.param("2026-03-10 21:00", days(1), "2026-03-12 17:00", id="evening-1d"),
        pytest.param("2026-03-13 21:00", days(1), "2026-03-17 17:00", id="friday-evening-1d"),
    ],
)
def test_a_term_in_working_days_ends_at_closing_on_the_nth_working_day(
    calendar, received, term, expected
):
    assert due_at(vn(received), term, calendar=calendar) == vn(expected)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        pytest.param("2026-03-10 06:00", "2026-03-10 17:00", id="06h00-before-opening"),
        pytest.param("2026-03-10 14:59", "2026-03-10 17:00", id="14h59-same-day"),
        pytest.param("2026-03-10 15:00", "2026-03-11 17:00", id="15h00-next-day"),
        pytest.param("2026-03-10 16:59", "2026-03-11 17:00", id="16h59-next-day"),
        pytest.param("2026-03-10 17:00", "2026-03-11 17:00", id="17h00-next-day"),
        pytest.param("2026-03-13 15:00", "2026-03-16 17:00", id="friday-15h00-monday"),
        pytest.param("2026-02-12 15:30", "2026-02-13 17:00", id="thursday-before-tet-2026"),
        pytest.param("2026-02-13 15:00", "2026-02-23 17:00", id="friday-before-tet-2026"),
        pytest.param("2025-04-26 10:00", "2025-04-26 17:00", id="make-up-saturday-counts"),
    ],
)
def test_a_same_day_term_received_from_the_cutoff_is_due_the_next_working_day(
    calendar, received, expected
):
    assert due_at(vn(received), days(0), calendar=calendar) == vn(expected)


@pytest.mark.parametrize(
    ("received", "term", "expected"),
    [
        # Office hours 07:30–17:00 are 9.5 working hours a day.
        pytest.param("2026-03-10 10:00", hours(4), "2026-03-10 14:00", id="4h-same-day"),
        pytest.param("2026-03-10 10:00", hours(7), "2026-03-10 17:00", id="7h-lands-on-closing"),
        pytest.param("2026-03-13 10:00", hours(8), "2026-03-16 08:30", id="8h-friday-to-monday"),
        pytest.param("2026-03-10 06:00", hours(8), "2026-03-10 15:30", id="8h-before-opening"),
        pytest.param("2026-03-10 17:00", hours(8), "2026-03-11 15:30", id="8h-at-closing"),
        pytest.param("2026-03-10 07:30", hours(10), "2026-03-11 08:00", id="10h-spills-over"),
        pytest.param("2026-02-13 14:00", hours(8), "2026-02-23 12:30", id="8h-across-tet-2026"),
        pytest.param("2025-04-26 16:00", hours(2), "2025-04-28 08:30", id="2h-make-up-saturday"),
    ],
)
def test_a_term_in_working_hours_counts_only_office_hours(calendar, received, term, expected):
    assert due_at(vn(received), term, calendar=calendar) == vn(expected)


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        pytest.param("2026-03-10 10:00", "2026-03-10 12:00", 120, id="inside-one-morning"),
        pytest.param("2026-03-10 06:00", "2026-03-10 18:00", 570, id="a-whole-day-is-9h30"),
        pytest.param("2026-03-13 16:00", "2026-03-16 08:30", 120, id="over-a-weekend"),
        pytest.param("2026-03-07 08:00", "2026-03-08 16:00", 0, id="weekend-only"),
        pytest.param("2026-02-13 16:00", "2026-02-23 08:00", 90, id="over-tet-2026"),
        pytest.param("2026-03-10 10:00", "2026-03-10 10:00", 0, id="empty-period"),
    ],
)
def test_working_minutes_between_counts_office_time_on_working_days(calendar, start, end, minutes):
    assert working_minutes_between(vn(start), vn(end), calendar=calendar) == minutes


@pytest.mark.parametrize(
    ("due", "paused_from", "paused_until", "expected"),
    [
        pytest.param(
            "2026-03-12 17:00",
            "2026-03-10 10:00",
            "2026-03-10 12:00",
            "2026-03-13 09:30",
            id="two-hours-back-start-next-morning",
        ),
        pytest.param(
            "2026-03-12 17:00",
            "2026-03-10 07:30",
            "2026-03-10 17:00",
            "2026-03-13 17:00",
            id="a-whole-working-day-back-is-one-more-day",
        ),
        pytest.param(
            "2026-03-13 17:00",
            "2026-03-13 15:00",
            "2026-03-16 09:00",
            "2026-03-16 11:00",
            id="pause-over-a-weekend",
        ),
        pytest.param(
            "2026-03-12 17:00",
            "2026-03-07 08:00",
            "2026-03-08 16:00",
            "2026-03-12 17:00",
            id="pause-on-a-weekend-changes-nothing",
        ),
        pytest.param(
            "2026-02-25 17:00",
            "2026-02-13 16:00",
            "2026-02-23 08:00",
            "2026-02-26 09:00",
            id="pause-across-tet-2026-gives-back-90-minutes",
        ),
    ],
)
def test_a_pause_for_financial_obligations_adds_its_working_time_to_the_due_date(
    calendar, due, paused_from, paused_until, expected
):
    extended = extend_for_pause(vn(due), vn(paused_from), vn(paused_until), calendar=calendar)
    assert extended == vn(expected)


@pytest.mark.parametrize(
    ("completed", "term", "expected"),
    [
        pytest.param("2026-03-11 10:00", days(5), "2026-03-18 17:00", id="five-days-from-zero"),
        pytest.param("2026-08-22 16:30", days(3), "2026-08-26 17:00", id="on-make-up-saturday"),
        pytest.param(
            "2026-08-27 17:30", days(2), "2026-09-04 17:00", id="after-closing-over-national-day"
        ),
    ],
)
def test_the_term_restarts_from_zero_when_the_complete_supplement_arrives(
    calendar, completed, term, expected
):
    assert due_after_supplement(vn(completed), term, calendar=calendar) == vn(expected)


DUE = "2026-03-12 17:00"


@pytest.mark.parametrize(
    ("finished", "now", "expected"),
    [
        pytest.param("2026-03-11 16:00", None, Timeliness.EARLY, id="day-before-is-early"),
        pytest.param("2026-03-12 09:00", None, Timeliness.ON_TIME, id="due-day-morning-on-time"),
        pytest.param("2026-03-12 17:00", None, Timeliness.ON_TIME, id="exactly-at-due-on-time"),
        pytest.param("2026-03-12 17:01", None, Timeliness.LATE, id="a-minute-after-is-late"),
        pytest.param("2026-03-13 08:00", None, Timeliness.LATE, id="next-morning-is-late"),
        pytest.param(None, "2026-03-12 17:00", Timeliness.IN_PROGRESS, id="pending-at-due"),
        pytest.param(None, "2026-03-10 09:00", Timeliness.IN_PROGRESS, id="pending-before-due"),
        pytest.param(None, "2026-03-12 17:01", Timeliness.LATE_PENDING, id="pending-after-due"),
    ],
)
def test_a_dossier_is_classified_against_its_due_date_and_time(finished, now, expected):
    result = classify(
        due=vn(DUE),
        finished_at=vn(finished) if finished else None,
        now=vn(now or "2026-03-20 10:00"),
    )
    assert result is expected


def test_classification_compares_dates_in_vietnam_time_not_utc():
    # 17:30 UTC on the 11th is 00:30 on the 12th in Hanoi: the due day, so on time, not early.
    finished = datetime(2026, 3, 11, 17, 30, tzinfo=UTC)
    now = datetime(2026, 3, 20, tzinfo=UTC)
    assert classify(due=vn(DUE), finished_at=finished, now=now) is Timeliness.ON_TIME


def test_timeliness_labels_have_english_msgids():
    with translation.override("en"):
        assert [str(item.label) for item in Timeliness] == [
            "early",
            "on time",
            "late",
            "in progress",
            "late, still in progress",
        ]


def test_aware_utc_input_gives_the_same_deadline_in_vietnam_time(calendar):
    # 02:00 UTC is 09:00 in Hanoi (UTC+7 all year, no daylight saving).
    received = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    due = due_at(received, days(1), calendar=calendar)
    assert due == vn("2026-03-11 17:00")
    assert due.tzinfo == VIETNAM


def test_aware_utc_input_after_closing_in_hanoi_starts_the_next_morning(calendar):
    # 10:30 UTC is 17:30 in Hanoi, past closing although it is mid-morning in UTC.
    received = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)
    assert effective_receipt(received, calendar=calendar) == vn("2026-03-11 07:30")


def test_naive_input_is_taken_as_vietnam_time(calendar):
    due = due_at(datetime(2026, 3, 10, 14, 59), days(0), calendar=calendar)
    assert due == vn("2026-03-10 17:00")
    assert due.tzinfo == VIETNAM


def test_agency_office_hours_change_opening_closing_and_cutoff(calendar):
    hours_8_to_16 = OfficeHours(opens=time(8), closes=time(16), same_day_cutoff=time(14))
    assert due_at(vn("2026-03-10 14:00"), days(0), calendar=calendar, hours=hours_8_to_16) == vn(
        "2026-03-11 16:00"
    )
    assert due_at(vn("2026-03-10 07:45"), hours(8), calendar=calendar, hours=hours_8_to_16) == vn(
        "2026-03-10 16:00"
    )


def test_adding_no_working_minutes_does_not_move_a_due_time_at_closing(calendar):
    assert add_working_minutes(vn("2026-03-12 17:00"), 0, calendar=calendar) == vn(
        "2026-03-12 17:00"
    )


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        pytest.param(date(2026, 2, 13), 1, date(2026, 2, 23), id="over-tet-2026"),
        pytest.param(date(2026, 1, 9), 1, date(2026, 1, 10), id="onto-make-up-saturday"),
        pytest.param(date(2026, 3, 10), 0, date(2026, 3, 10), id="zero-is-the-day-itself"),
    ],
)
def test_add_working_days_counts_working_days_strictly_after(calendar, day, n, expected):
    assert calendar.add_working_days(day, n) == expected


def test_non_working_reason_names_the_override_the_holiday_or_the_weekend(calendar):
    assert calendar.non_working_reason(date(2026, 1, 2)) == SHIPPED_SWAPS[date(2026, 1, 2)][1]
    assert calendar.non_working_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"
    with translation.override("en"):
        assert calendar.non_working_reason(date(2026, 3, 7)) == "weekend"
    assert calendar.non_working_reason(date(2026, 3, 10)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("3d", days(3), id="working-days"),
        pytest.param("0d", days(0), id="same-day"),
        pytest.param("8h", hours(8), id="working-hours"),
        pytest.param(" 12D ", days(12), id="spaces-and-capitals"),
    ],
)
def test_parse_term_reads_days_same_day_and_hours(text, expected):
    assert parse_term(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("x", id="letters"),
        pytest.param("-1d", id="negative"),
        pytest.param("3", id="no-unit"),
        pytest.param("3w", id="weeks"),
        pytest.param("1.5d", id="fraction"),
        pytest.param("0h", id="zero-hours"),
    ],
)
def test_parse_term_rejects_anything_else_with_a_clear_message(text):
    with pytest.raises(ValueError, match="term"):
        parse_term(text)

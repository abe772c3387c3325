"""The pure rules: codes, the 5-working-day forwarding window across holidays, what a public
page may show, the on-time rate and periods."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.workdays import VIETNAM, WorkingCalendar
from feedback import rules
from surveys.periods import period_bounds


def at(day: str, clock: str = "09:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=VIETNAM)


# The official swaps for civil servants (DOMAIN.md §5), as core's shipped overrides hold them.
SWAPS = {
    date(2026, 1, 2): False,
    date(2026, 1, 10): True,
    date(2026, 8, 31): False,
    date(2026, 8, 22): True,
}
CALENDAR = WorkingCalendar(SWAPS)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # An ordinary week: Monday → the following Monday at closing.
        (at("2026-03-02"), at("2026-03-09", "17:00")),
        # Across 30/4 and 1/5 (Thursday, Friday) and the weekend.
        (at("2026-04-28"), at("2026-05-07", "17:00")),
        # Across the National Day (1/9 and 2/9) and the swapped day off 31/8 (Monday):
        # Friday 28/8 → 3/9, 4/9, 7/9, 8/9, 9/9.
        (at("2026-08-28"), at("2026-09-09", "17:00")),
        # Received on a Saturday: the clock starts on Monday; the Saturday 22/8 worked counts.
        (at("2026-08-21", "18:00"), at("2026-08-28", "17:00")),
        # Across Tết 2027 (4–10 February off): received 3/2 → 11, 12, 15, 16, 17/2.
        (at("2027-02-03"), at("2027-02-17", "17:00")),
        # Received on 29 Tết itself: the clock starts on 11/2 → 12, 15, 16, 17, 18/2.
        (at("2027-02-04"), at("2027-02-18", "17:00")),
    ],
)
def test_forwarding_is_due_five_working_days_after_receipt_across_holidays(received, due):
    assert rules.forward_due(received, calendar=CALENDAR) == due


def test_the_answer_term_counts_working_days_like_a_dossier():
    assert rules.answer_due(at("2026-04-28"), days=10, calendar=CALENDAR) == at(
        "2026-05-14", "17:00"
    )


def test_codes_carry_the_date_and_six_unguessable_characters():
    code = rules.make_code(date(2026, 9, 15))
    assert rules.is_plausible_code(code)
    assert code.startswith("PA-260915-")
    assert len({rules.make_code(date(2026, 9, 15)) for _ in range(200)}) == 200


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("pa-260915-7kq4xm", "PA-260915-7KQ4XM"),
        (" PA-260915-7KQ4XM ", "PA-260915-7KQ4XM"),
        ("ＰＡ－２６０９１５－7KQ4XM", "PA-260915-7KQ4XM"),
        ("PA-260915-7KQ4XO", "PA-260915-7KQ4X0"),  # O read as zero
    ],
)
def test_codes_are_read_as_people_type_them(typed, code):
    assert rules.normalise_code(typed) == code


@given(st.text(max_size=300))
def test_normalising_never_fails_and_never_grows_without_bound(text):
    assert len(rules.normalise_code(text)) <= rules.MAX_CODE_LENGTH * 4


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Gọi 0912 345 678 hoặc 0912.345.678", "Gọi *** hoặc ***"),
        ("CCCD 001090012345, nhà số 12", "CCCD ***, nhà số 12"),
        ("Thư gửi an.nguyen@example.vn", "Thư gửi ***"),
        ("Tôi là nguyễn  văn an ở thôn 3", "Tôi là *** ở thôn 3"),
        ("Lệ phí 50.000 đồng năm 2026", "Lệ phí 50.000 đồng năm 2026"),
        ("+84 912 345 678", "***"),
    ],
)
def test_public_text_loses_contacts_numbers_and_the_senders_name(text, shown):
    assert rules.redact(text, names=["Nguyễn Văn An"]) == shown


def test_the_on_time_rate_counts_late_and_overdue_but_not_what_is_not_due_yet():
    now = at("2026-09-30")
    due = at("2026-09-20")
    pairs = [
        (due, due - timedelta(days=1)),  # on time
        (due, due),  # on the due minute: on time
        (due, due + timedelta(minutes=1)),  # late
        (due, None),  # unanswered past the due time: late
        (at("2026-10-05"), None),  # not due yet: not counted
    ]
    rate = rules.on_time_rate(pairs, now=now)
    assert (rate.on_time, rate.late, rate.counted, rate.percent) == (2, 2, 4, 50.0)
    assert rules.on_time_rate([], now=now).percent is None


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026", (date(2026, 1, 1), date(2027, 1, 1))),
        ("2026-Q3", (date(2026, 7, 1), date(2026, 10, 1))),
        ("2026-q4", (date(2026, 10, 1), date(2027, 1, 1))),
        ("2026-12", (date(2026, 12, 1), date(2027, 1, 1))),
    ],
)
def test_periods(period, bounds):
    assert period_bounds(period) == bounds


@pytest.mark.parametrize("period", ["2026-Q5", "2026-13", "26", "quý 3", ""])
def test_bad_periods_are_refused(period):
    with pytest.raises(ValueError):
        period_bounds(period)

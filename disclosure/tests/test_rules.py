"""The disclosure timing rules and states: pure functions, checked across holidays."""

from datetime import date

import pytest

from core.workdays import WorkingCalendar
from disclosure.rules import (
    CATEGORIES,
    DisclosureState,
    disclosure_state,
    is_publicly_visible,
    on_time_rate,
    required_window,
)

CALENDAR = WorkingCalendar()


@pytest.mark.parametrize(
    ("issued", "due"),
    [
        # Monday → two working days later, Wednesday.
        (date(2026, 3, 2), date(2026, 3, 4)),
        # Friday → Tuesday: the weekend does not count.
        (date(2026, 3, 6), date(2026, 3, 10)),
        # Friday before Tết 2026 (16–20 February off): due the second working day after it.
        (date(2026, 2, 13), date(2026, 2, 24)),
        # Before Hùng Kings' day (observed Monday 27/4) and 30/4–1/5.
        (date(2026, 4, 24), date(2026, 4, 29)),
        (date(2026, 4, 29), date(2026, 5, 5)),
    ],
)
def test_a_list_is_due_two_working_days_after_its_decision_skipping_holidays(issued, due):
    window = required_window(
        CATEGORIES["poor_households"],
        issued_on=issued,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        calendar=CALENDAR,
    )
    assert window.due == due


def test_a_list_stays_posted_thirty_days_at_least():
    window = required_window(
        CATEGORIES["hamlet_elections"],
        issued_on=date(2026, 3, 2),
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 1),
        calendar=CALENDAR,
    )
    assert window.keep_until == date(2026, 4, 3)  # due 4/3 + 30 days


def test_a_whole_year_item_is_due_on_the_first_working_day_and_kept_to_the_end():
    window = required_window(
        CATEGORIES["budget"],
        issued_on=None,
        period_start=date(2026, 1, 1),  # New Year's Day, then a Friday
        period_end=date(2026, 12, 31),
        calendar=CALENDAR,
    )
    assert window.due == date(2026, 1, 2)
    assert window.keep_until == date(2026, 12, 31)


def test_recruitment_is_due_after_the_plan_and_kept_until_recruitment_ends():
    window = required_window(
        CATEGORIES["recruitment"],
        issued_on=date(2026, 5, 8),
        period_start=date(2026, 5, 8),
        period_end=date(2026, 8, 31),
        calendar=CALENDAR,
    )
    assert window.due == date(2026, 5, 12)
    assert window.keep_until == date(2026, 8, 31)


def test_an_official_swap_day_counts_as_working():
    swapped = WorkingCalendar({date(2026, 3, 7): True})  # a Saturday worked
    window = required_window(
        CATEGORIES["legal_documents"],
        issued_on=date(2026, 3, 6),
        period_start=date(2026, 3, 6),
        period_end=date(2026, 3, 6),
        calendar=swapped,
    )
    assert window.due == date(2026, 3, 9)


def _state(day, **kwargs):
    base = {
        "status": "draft",
        "posted_on": None,
        "due": date(2026, 3, 10),
        "publish_from": None,
        "publish_until": None,
    }
    return disclosure_state(**(base | kwargs), today=day)


def test_an_unposted_item_goes_due_soon_then_overdue():
    assert _state(date(2026, 3, 1)) is DisclosureState.DRAFT
    assert _state(date(2026, 3, 8)) is DisclosureState.DUE_SOON
    assert _state(date(2026, 3, 10)) is DisclosureState.DUE_SOON
    assert _state(date(2026, 3, 11)) is DisclosureState.OVERDUE


def test_a_board_posting_stops_the_item_being_overdue():
    assert _state(date(2026, 3, 20), posted_on=date(2026, 3, 9)) is DisclosureState.POSTED


def test_a_published_item_is_public_inside_its_window_only():
    published = {
        "status": "published",
        "posted_on": date(2026, 3, 9),
        "publish_from": date(2026, 3, 9),
        "publish_until": date(2026, 4, 9),
    }
    assert _state(date(2026, 3, 8), **published) is DisclosureState.SCHEDULED
    assert _state(date(2026, 3, 9), **published) is DisclosureState.PUBLIC
    assert _state(date(2026, 4, 9), **published) is DisclosureState.PUBLIC
    assert _state(date(2026, 4, 10), **published) is DisclosureState.ENDED
    assert _state(date(2026, 3, 20), **(published | {"status": "withdrawn"})) is (
        DisclosureState.WITHDRAWN
    )


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2026, 3, 8), False),
        (date(2026, 3, 9), True),
        (date(2026, 4, 9), True),
        (date(2026, 4, 10), False),
    ],
)
def test_the_public_window_includes_both_ends(day, shown):
    assert (
        is_publicly_visible(
            published=True,
            publish_from=date(2026, 3, 9),
            publish_until=date(2026, 4, 9),
            today=day,
        )
        is shown
    )


def test_on_time_rate_counts_late_and_overdue_items_against_the_agency():
    rows = [
        (date(2026, 3, 4), date(2026, 3, 4)),  # on the day: on time
        (date(2026, 3, 4), date(2026, 3, 5)),  # a day late
        (date(2026, 3, 4), None),  # overdue, never posted
        (date(2026, 9, 1), None),  # not yet due: not counted
    ]
    rate = on_time_rate(rows, today=date(2026, 3, 20))
    assert (rate.on_time, rate.total) == (1, 3)
    assert rate.percent == 33
    assert on_time_rate([], today=date(2026, 3, 20)).percent is None

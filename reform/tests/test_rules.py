"""The timing rules of plan tasks, as tables of cases: timelines read from a plan's table, the
last day of a quarter, due days moved past weekends and holidays, and a task's state."""

from datetime import date

import pytest

from core.workdays import WorkingCalendar
from reform.rules import (
    TaskState,
    TimelineKind,
    effective_due,
    parse_timeline,
    quarter_last_day,
    task_state,
    timeline_text,
    working_days_late,
)

CALENDAR = WorkingCalendar()


@pytest.mark.parametrize(
    ("written", "kind", "due_on", "quarter"),
    [
        ("Thường xuyên", TimelineKind.REGULAR, None, None),
        ("thuong xuyen", TimelineKind.REGULAR, None, None),
        ("Hằng năm", TimelineKind.REGULAR, None, None),
        ("30/6/2026", TimelineKind.DATE, date(2026, 6, 30), None),
        ("Trước ngày 30/06/2026", TimelineKind.DATE, date(2026, 6, 30), None),
        (date(2026, 9, 15), TimelineKind.DATE, date(2026, 9, 15), None),
        ("Quý II/2026", TimelineKind.QUARTER, None, 2),
        ("Quý IV", TimelineKind.QUARTER, None, 4),
        ("quy 3 nam 2026", TimelineKind.QUARTER, None, 3),
        ("Q1/2026", TimelineKind.QUARTER, None, 1),
    ],
)
def test_timelines_are_read_as_officers_write_them(written, kind, due_on, quarter):
    timeline = parse_timeline(written, year=2026)
    assert (timeline.kind, timeline.due_on, timeline.quarter) == (kind, due_on, quarter)


@pytest.mark.parametrize(
    "written", ["", "sớm", "Quý V/2026", "Quý II/2025", "31/02/2026", "30/6", "tháng 6"]
)
def test_a_timeline_that_cannot_be_read_is_refused(written):
    with pytest.raises(ValueError):
        parse_timeline(written, year=2026)


@pytest.mark.parametrize(
    ("quarter", "last"),
    [
        (1, date(2026, 3, 31)),
        (2, date(2026, 6, 30)),
        (3, date(2026, 9, 30)),
        (4, date(2026, 12, 31)),
    ],
)
def test_a_quarter_ends_on_its_last_calendar_day(quarter, last):
    assert quarter_last_day(2026, quarter) == last


@pytest.mark.parametrize(
    ("last_day", "due"),
    [
        (date(2026, 6, 30), date(2026, 6, 30)),  # a Tuesday: due that day
        (date(2026, 4, 30), date(2026, 5, 4)),  # Reunification Day, Labour Day, a weekend
        (date(2026, 2, 16), date(2026, 2, 23)),  # Tết's eve: after Tết and the weekend
        (date(2026, 9, 2), date(2026, 9, 3)),  # National Day
        (date(2027, 5, 1), date(2027, 5, 4)),  # a Saturday holiday observed on Monday
        (None, None),  # regular work has no due day
    ],
)
def test_a_task_due_on_a_day_off_is_due_the_next_working_day(last_day, due):
    assert effective_due(last_day, CALENDAR) == due


def test_an_admin_made_day_off_moves_the_due_day_too():
    calendar = WorkingCalendar({date(2026, 6, 30): False})
    assert effective_due(date(2026, 6, 30), calendar) == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("status", "due", "today", "state"),
    [
        ("done", date(2026, 5, 4), date(2026, 6, 1), TaskState.DONE),
        ("cancelled", date(2026, 5, 4), date(2026, 6, 1), TaskState.CANCELLED),
        ("in_progress", None, date(2026, 6, 1), TaskState.REGULAR),
        ("in_progress", date(2026, 5, 4), date(2026, 5, 4), TaskState.DUE_SOON),
        ("in_progress", date(2026, 5, 4), date(2026, 5, 5), TaskState.OVERDUE),
        # Five working days before 4/5 reach back across the holidays to 22/4.
        ("not_started", date(2026, 5, 4), date(2026, 4, 22), TaskState.DUE_SOON),
        ("not_started", date(2026, 5, 4), date(2026, 4, 21), TaskState.ON_TRACK),
    ],
)
def test_a_tasks_state_counts_working_days(status, due, today, state):
    assert task_state(status=status, due=due, today=today, calendar=CALENDAR) == state


def test_the_delay_is_counted_in_working_days():
    # Due Friday 24/4/2026: Monday 27/4 is a holiday, so Tuesday 28/4 is one working day late.
    assert working_days_late(due=date(2026, 4, 24), today=date(2026, 4, 28), calendar=CALENDAR) == 1
    assert working_days_late(due=date(2026, 4, 24), today=date(2026, 5, 5), calendar=CALENDAR) == 4
    assert working_days_late(due=date(2026, 4, 24), today=date(2026, 4, 24), calendar=CALENDAR) == 0


@pytest.mark.parametrize(
    ("kind", "due_on", "quarter", "text"),
    [
        ("regular", None, None, "Thường xuyên"),
        ("date", date(2026, 6, 30), None, "Trước ngày 30/06/2026"),
        ("quarter", None, 2, "Quý II/2026"),
    ],
)
def test_the_appendix_writes_timelines_as_plans_do(kind, due_on, quarter, text):
    assert timeline_text(kind=kind, due_on=due_on, quarter=quarter, year=2026) == text

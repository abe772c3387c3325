"""The periodic statistics count each dossier once on each side: the quarter of
`conftest.quarter` with a withdrawal, a stop, a result on its due day and an apology letter
added, then random dossiers over random periods, always adding up."""

import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from catalog.models import Channel
from dossiers.models import StatusChange
from dossiers.workflow import Action, State
from reports.queries import Scope
from reports.selectors import scope_for
from reports.statistics import COLUMNS, period_of, statistics
from reports.tests.conftest import make_dossier, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def stats_quarter(quarter):
    place = SimpleNamespace(centre=quarter.centre_a, committee=quarter.committee_a)
    version = quarter.version
    # Withdrawn in February, stopped in January after arriving in December, on its due day.
    make_dossier(
        place,
        version=version,
        received=vn(2026, 2, 15, 8),
        state=State.WITHDRAWN,
        finished=vn(2026, 2, 20, 9),
    )
    make_dossier(
        place,
        version=version,
        received=vn(2025, 12, 20, 8),
        state=State.STOPPED,
        finished=vn(2026, 1, 10, 9),
    )
    make_dossier(
        place,
        version=version,
        received=vn(2026, 3, 10, 8),
        finished=vn(2026, 3, 13, 7),
    )
    StatusChange.objects.create(
        dossier=quarter.late[0],
        at=vn(2026, 3, 5, 9),
        action=Action.APOLOGISE,
        from_state=State.IN_PROGRESS,
        to_state=State.IN_PROGRESS,
        actor_kind="staff",
    )
    return quarter


def test_the_quarter_of_commune_a_is_counted_as_by_hand(stats_quarter):
    """Carried over: X1 and the stopped one. Received: 13 of the fixture (the refused one
    included: it leaves as refused) + the withdrawn + the one on its due day. Resolved: R1–R9,
    X1 and the one on its due day (8 early + 1 on time + 2 late). Pending at the end: R10 and
    R11 late, R12 within its term."""
    total = statistics(scope_for(stats_quarter.committee_a, **_q1())).total
    assert total.values == {
        "carried_over": 2,
        "received_counter": 7,  # R5–R7, R12, the refused, the withdrawn, the on-due-day one
        "received_online_full": 6,
        "received_online_partial": 0,
        "received_post": 2,
        "resolved_early": 8,
        "resolved_on_time": 1,
        "resolved_late": 2,
        "pending_within": 1,
        "pending_late": 2,
        "withdrawn": 1,
        "stopped": 1,
        "refused": 1,
        "apologies": 1,
    }
    assert total.total_in == total.total_out == 17
    assert total.on_time_share == pytest.approx(81.82)


def test_breakdowns_by_agency_field_and_procedure_add_up_to_the_total(stats_quarter):
    result = statistics(scope_for(stats_quarter.committee_a, **_q1()))
    for breakdown in (result.by_agency, result.by_field, result.by_procedure):
        for name in COLUMNS:
            assert sum(row.values[name] for row in breakdown) == result.total.values[name]
    assert [row.agency for row in result.by_agency] == ["Ủy ban nhân dân Xã An"]


def test_commune_b_sees_none_of_commune_a(stats_quarter):
    total = statistics(scope_for(stats_quarter.committee_b, **_q1())).total
    assert total.received == 3 and total.resolved_late == 3


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("month", 2, (date(2026, 2, 1), date(2026, 2, 28))),
        ("quarter", 4, (date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", 1, (date(2026, 1, 1), date(2026, 3, 31))),
        ("year", 1, (date(2026, 1, 1), date(2026, 12, 31))),
        ("month", 12, (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_periods_are_whole_months_quarters_and_years(kind, number, expected):
    assert period_of(kind, 2026, number) == expected


def test_random_dossiers_always_add_up_over_any_period(cast):
    """carried over + received = resolved + pending + withdrawn + stopped + refused, for every
    row and every month, whatever the dossiers' moments."""
    from catalog.tests.builders import published

    rng = random.Random(766)
    version = published(agencies=[cast.committee_a], online_level="partial")
    place = SimpleNamespace(centre=cast.centre_a, committee=cast.committee_a)
    states = [
        State.RETURNED,
        State.RESULT_READY,
        State.IN_PROGRESS,
        State.WITHDRAWN,
        State.STOPPED,
        State.REFUSED,
        State.SUPPLEMENT_REQUESTED,
        State.SUBMITTED,
    ]
    for _ in range(80):
        state = rng.choice(states)
        received = vn(2026, 1, 1, 8) + timedelta(hours=rng.randrange(0, 24 * 200))
        finished = None
        if state in (State.RETURNED, State.RESULT_READY, State.WITHDRAWN, State.STOPPED):
            finished = received + timedelta(hours=rng.randrange(1, 24 * 20))
        make_dossier(
            place,
            version=version,
            state=state,
            finished=finished,
            received=None if state == State.SUBMITTED else received,
            channel=rng.choice(list(Channel)),
            term_days=rng.randrange(0, 10),
        )
    for month in range(1, 9):
        first, last = period_of("month", 2026, month)
        scope = Scope(
            agency_ids=frozenset({cast.centre_a.pk, cast.committee_a.pk}),
            first_day=first,
            last_day=last,
        )
        result = statistics(scope)
        for row in [*result.rows, result.total]:
            assert row.total_in == row.total_out, (month, row.values)


def _q1() -> dict:
    return {"first_day": date(2026, 1, 1), "last_day": date(2026, 3, 31)}


def test_the_statistics_take_the_same_number_of_queries_whatever_the_dossiers(stats_quarter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scope = scope_for(stats_quarter.committee_a, **_q1())
    with CaptureQueriesContext(connection) as before:
        statistics(scope)
    place = SimpleNamespace(centre=stats_quarter.centre_a, committee=stats_quarter.committee_a)
    for day in range(1, 20):
        make_dossier(place, version=stats_quarter.version, received=vn(2026, 2, day, 8))
    with CaptureQueriesContext(connection) as after:
        statistics(scope)
    assert len(after) == len(before) == 4

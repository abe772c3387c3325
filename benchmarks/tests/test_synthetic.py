"""The synthetic data set behind the benchmarks keeps the invariants real dossiers keep."""

from collections import Counter
from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, F, Max, Q

from benchmarks.synthetic import dossiers_generate
from core.workdays import VIETNAM
from dossiers.models import Applicant, DailySequence, Dossier, StatusChange
from dossiers.workflow import State

NOW = datetime(2026, 6, 15, 10, 30, tzinfo=VIETNAM)


@pytest.fixture
def generated(db):
    return dossiers_generate(count=300, seed=11, batch=120, communes=3, now=NOW)


def test_it_adds_exactly_the_dossiers_asked_for(generated):
    assert generated.dossiers == 300
    assert Dossier.objects.count() == 300


def test_codes_are_unique_and_the_daily_sequences_know_the_last_number(generated):
    codes = list(Dossier.objects.values_list("code", "receiving_agency__code"))
    assert len({code for code, _agency in codes}) == 300
    highest: Counter = Counter()
    for code, agency in codes:
        assert code.startswith(f"{agency}-")
        _agency_code, day, sequence = code.rsplit("-", 2)
        highest[agency, day] = max(highest[agency, day], int(sequence))
    recorded = {
        (agency, f"{day:%y%m%d}"): last
        for agency, day, last in DailySequence.objects.values_list("agency__code", "day", "last")
    }
    assert recorded == dict(highest)


def test_no_due_date_comes_before_the_receipt(generated):
    assert not Dossier.objects.filter(due_at__lt=F("received_at")).exists()
    assert not Dossier.objects.filter(extended_due_at__lte=F("due_at")).exists()
    accepted = Dossier.objects.exclude(state__in=[State.SUBMITTED, State.REFUSED])
    assert not accepted.filter(Q(received_at=None) | Q(due_at=None)).exists()


def test_every_dossier_has_one_primary_applicant_and_starts_with_a_receive_row(generated):
    primaries = Dossier.objects.annotate(
        primaries=Count("applicants", filter=Q(applicants__is_primary=True))
    )
    assert set(primaries.values_list("primaries", flat=True)) == {1}
    received = StatusChange.objects.filter(action="receive").values("dossier").distinct().count()
    assert received == 300
    documents = Dossier.objects.annotate(n=Count("documents")).values_list("n", flat=True)
    assert min(documents) >= 2 and max(documents) <= 4
    assert Applicant.objects.exclude(id_number__regex=r"^0\d{11}$").count() == 0


def test_each_dossier_ends_in_the_state_its_last_history_row_reached(generated):
    valid = set(State.values)
    for dossier in Dossier.objects.all():
        assert dossier.state in valid
        history = list(dossier.history.order_by("at", "id"))
        assert history[-1].to_state == dossier.state
        assert all(row.at <= NOW for row in history)
        assert dossier.version == len(history)


def test_most_dossiers_are_returned_and_a_plausible_share_are_late(generated):
    states = Counter(Dossier.objects.values_list("state", flat=True))
    assert states[State.RETURNED] > 0.8 * 300
    finished = Dossier.objects.exclude(finished_at=None).exclude(due_at=None)
    late = finished.filter(finished_at__gt=F("due_at")).count()
    assert 0.01 <= late / finished.count() <= 0.16
    # A late dossier is only returned once the apology letter with the new date exists.
    assert not Dossier.objects.filter(
        state=State.RETURNED, finished_at__gt=F("due_at"), extended_due_at=None
    ).exists()


def test_the_command_with_the_same_seed_makes_the_same_data_set(db):
    def run() -> Counter:
        first_new = (Dossier.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        with time_machine.travel(NOW, tick=False):
            call_command(
                "generate_dossiers", count=150, seed=5, communes=2, force=True, stdout=StringIO()
            )
        return Counter(Dossier.objects.filter(pk__gte=first_new).values_list("state", "channel"))

    first, second = run(), run()
    assert sum(first.values()) == 150
    assert first == second
    assert Dossier.objects.values("code").distinct().count() == 300  # codes never reused

"""Receptions and transitions racing each other (R1, R2, R3) and receptions failing half-way (R4).

Threads need committed data and their own connections, so every test here is transactional and
every thread closes its connection when it ends.
"""

import threading
from collections import Counter

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from catalog.models import Channel
from core.audit import audit_head_hash, audit_verify
from core.models import AuditEvent
from dossiers.codes import dossier_code
from dossiers.models import (
    Applicant,
    DailySequence,
    Dossier,
    DossierDocument,
    DossierFee,
    StatusChange,
)
from dossiers.services import (
    ApplicantData,
    Conflict,
    Move,
    dossier_receive,
    dossier_transition,
)
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State, edge_for
from notifications.models import Notification
from notifications.services import _queue_in_database, notification_send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]


def at_once(count, call, *, sessions=None):
    """Run `call(i)` for i in range(count) from threads released together by a barrier.
    Returns one (result, exception) pair per call, in order.

    `sessions` bounds the threads (and so the database connections), as a server's worker pool
    does: each of them makes its share of the calls on one connection. Opening and closing a
    connection per call would leave PostgreSQL with backends still exiting when new ones arrive.
    """
    workers = min(count, sessions or count)
    barrier = threading.Barrier(workers)
    outcomes = [(None, None)] * count

    def worker(first):
        try:
            barrier.wait(timeout=60)
            for i in range(first, count, workers):
                try:
                    outcomes[i] = (call(i), None)
                except Exception as exc:
                    outcomes[i] = (None, exc)
        except Exception as exc:  # the barrier broke: every call of this worker failed
            for i in range(first, count, workers):
                outcomes[i] = (None, exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a thread is still running"
    return outcomes


def free_sessions() -> int:
    """How many more connections the database server accepts, less room for everyone else.
    PostgreSQL's default limit is 100 sessions; SQLite has none."""
    if connection.vendor != "postgresql":
        return 10**6
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        used = cursor.fetchone()[0]
    # A quarter of the server at most: the other test worker (pytest-xdist) and the live
    # server of the browser tests open connections too, and backends take a moment to exit.
    return max(8, min(limit - used - 20, limit // 4))


def errors_of(outcomes):
    return [exc for _, exc in outcomes if exc is not None]


# --- R1 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("round_", [1, 2])
def test_simultaneous_receptions_get_distinct_gap_free_codes(office, round_):
    count = 200 if connection.vendor == "postgresql" else 50
    office.version.procedure  # load it once here rather than in every thread at once

    def receive(i):
        applicant = ApplicantData(full_name=f"Nguyễn Văn Thứ {i}", id_number=f"0010900{i:05d}")
        return dossier_receive(
            reception=reception_for(office, applicant=applicant), actor=office.alice
        )

    # 200 simultaneous sessions exceed PostgreSQL's default limit of 100: like a server's
    # worker pool, at most `free_sessions()` threads share the 200 receptions.
    outcomes = at_once(count, receive, sessions=free_sessions())

    errors = errors_of(outcomes)  # "database is locked" on SQLite would show up here
    assert errors == [], f"{len(errors)} receptions failed, e.g. {errors[:3]!r}"
    codes = [dossier.code for dossier, _ in outcomes]
    assert len(set(codes)) == count
    assert Dossier.objects.count() == count
    assert set(Dossier.objects.values_list("code", flat=True)) == set(codes)
    sequence = DailySequence.objects.get(agency=office.centre_a)
    assert sequence.last == count
    assert set(codes) == {
        dossier_code(agency_code=office.centre_a.code, day=sequence.day, sequence=number)
        for number in range(1, count + 1)
    }
    assert Applicant.objects.count() == count
    assert StatusChange.objects.count() == count
    assert AuditEvent.objects.filter(action="dossier_receive").count() == count
    assert audit_verify(AuditEvent.objects.order_by("id"), head_hash=audit_head_hash()) is None


# --- R2 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("round_", [1, 2])
def test_one_form_posted_ten_times_at_once_makes_one_dossier(office, round_):
    office.version.procedure  # load it once here rather than in every thread at once
    key = f"portal-form-{round_}-7f3a9c"

    def submit(_):
        reception = reception_for(office, channel=Channel.ONLINE, submission_key=key)
        return dossier_receive(reception=reception, actor=None)

    outcomes = at_once(10, submit)

    assert errors_of(outcomes) == []
    dossier = Dossier.objects.get()
    assert {answer.code for answer, _ in outcomes} == {dossier.code}
    assert {answer.pk for answer, _ in outcomes} == {dossier.pk}
    assert dossier.code.endswith("-0001")
    # The duplicates' numbers went back with their rolled-back transactions: no gap.
    assert DailySequence.objects.get(agency=office.centre_a).last == 1
    assert Applicant.objects.count() == 1
    assert StatusChange.objects.count() == 1
    assert AuditEvent.objects.filter(action="dossier_receive").count() == 1

    # The citizen presses "submit" again a minute later: still the same dossier.
    retried = dossier_receive(
        reception=reception_for(office, channel=Channel.ONLINE, submission_key=key), actor=None
    )
    assert retried.pk == dossier.pk
    assert Dossier.objects.count() == 1


# --- R3 ---------------------------------------------------------------------------------------

ROUNDS = 100
# Two people, one proposed dossier, the same page version: (actor, action, reason) each.
RIVALS = [
    (("leo", Action.APPROVE, ""), ("leo", Action.REJECT, "Thiếu chữ ký của người làm chứng")),
    (("alice", Action.WITHDRAW, "Công dân xin rút hồ sơ"), ("leo", Action.APPROVE, "")),
]


def proposed_dossier(office) -> Dossier:
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    dossier = dossier_transition(
        dossier_id=dossier.pk,
        move=Move(Action.ASSIGN, expected_version=dossier.version, assignee=office.sophie),
        actor=office.alice,
    )
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(Action.PROPOSE, expected_version=dossier.version),
        actor=office.sophie,
    )


def test_two_officers_acting_on_one_dossier_at_once_one_wins_the_other_gets_a_conflict(office):
    wins = Counter()
    for round_ in range(ROUNDS):
        dossier = proposed_dossier(office)
        seen = dossier.version
        rivals = RIVALS[round_ % len(RIVALS)]

        def act(i, dossier=dossier, seen=seen, rivals=rivals):
            actor, action, reason = rivals[i]
            return dossier_transition(
                dossier_id=dossier.pk,
                move=Move(action, expected_version=seen, reason=reason),
                actor=getattr(office, actor),
            )

        outcomes = at_once(2, act)

        won = [i for i, (_, exc) in enumerate(outcomes) if exc is None]
        assert len(won) == 1, (round_, outcomes)
        winner, loser = won[0], 1 - won[0]
        assert type(outcomes[loser][1]) is Conflict, (round_, outcomes)
        action = rivals[winner][1]
        wins[action] += 1
        after = Dossier.objects.get(pk=dossier.pk)
        assert after.state == edge_for(action, State.PROPOSED).target
        assert after.version == seen + 1
        history = list(after.history.values_list("action", flat=True))
        assert history == ["receive", Action.ASSIGN, Action.PROPOSE, action], round_
    assert StatusChange.objects.count() == 4 * ROUNDS, wins


# --- R4 ---------------------------------------------------------------------------------------


@pytest.fixture
def side_effects(monkeypatch):
    """Every on-commit callback that ran and every task enqueued, whoever registered them."""
    ran, enqueued = [], []
    register = BaseDatabaseWrapper.on_commit
    enqueue = Task.enqueue

    def on_commit(self, func, robust=False):
        def recorded():
            ran.append(func)
            return func()

        return register(self, recorded, robust)

    def recorded_enqueue(self, *args, **kwargs):
        enqueued.append((self, args, kwargs))
        return enqueue(self, *args, **kwargs)

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(Task, "enqueue", recorded_enqueue)
    return ran, enqueued


def deliveries_waiting(enqueued) -> int:
    """Messages the worker will deliver: rows of the queue when it is a table of this database
    (enqueued inside the action's transaction), else tasks handed over after commit."""
    if _queue_in_database():
        return DBTaskResult.objects.count()
    return len(enqueued)


def test_the_side_effect_recorder_sees_what_a_committed_action_queues(side_effects):
    ran, enqueued = side_effects
    with transaction.atomic():
        notification_send(channel="email", to="an@example.vn", body="Hồ sơ đã có kết quả")
        if not _queue_in_database():
            assert ran == [] and enqueued == []  # another queue hears of it only on commit
    assert len(enqueued) == 1
    assert deliveries_waiting(enqueued) == 1


def test_a_message_of_a_rolled_back_action_is_never_delivered(side_effects):
    ran, enqueued = side_effects
    with pytest.raises(DatabaseError), transaction.atomic():
        notification_send(channel="sms", to="0912345678", body="Ho so da co ket qua")
        raise DatabaseError("the action failed after queueing its message")
    assert Notification.objects.count() == 0
    assert ran == []
    assert deliveries_waiting(enqueued) == 0


def fail(*args, **kwargs):
    raise DatabaseError("disk I/O error")


def violate_a_constraint(*args, **kwargs):
    raise IntegrityError("constraint failed")


STEPS = [
    "dossiers.services_receive.Dossier.objects.create",
    "dossiers.services_receive.Applicant.objects.create",
    "dossiers.services_receive.DossierDocument.objects.bulk_create",
    "dossiers.fees.DossierFee.objects.bulk_create",
    "dossiers.services_receive.StatusChange.objects.create",
    "dossiers.services_receive.audit_record",
]


def assert_nothing_was_received(side_effects, *, audit_rows_before):
    assert Dossier.objects.count() == 0
    assert Applicant.objects.count() == 0
    assert DossierDocument.objects.count() == 0
    assert DossierFee.objects.count() == 0
    assert StatusChange.objects.count() == 0
    assert not DailySequence.objects.filter(last__gt=0).exists()
    assert AuditEvent.objects.count() == audit_rows_before
    assert Notification.objects.count() == 0
    ran, enqueued = side_effects
    assert ran == []
    assert deliveries_waiting(enqueued) == 0


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.split(".", 2)[2])
def test_a_reception_failing_at_any_step_leaves_nothing_behind(
    office, monkeypatch, side_effects, step
):
    audit_rows_before = AuditEvent.objects.count()  # publishing the procedure was audited
    with monkeypatch.context() as broken:
        broken.setattr(step, fail)
        with pytest.raises(DatabaseError):
            dossier_receive(reception=reception_for(office), actor=office.alice)

    assert_nothing_was_received(side_effects, audit_rows_before=audit_rows_before)
    # The number the failed reception drew was never given out: the next one gets 0001.
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    assert dossier.code.endswith("-0001")


def test_a_failed_submission_is_not_mistaken_for_an_earlier_duplicate(
    office, monkeypatch, side_effects
):
    reception = reception_for(office, channel=Channel.ONLINE, submission_key="portal-form-9b1e")
    audit_rows_before = AuditEvent.objects.count()
    with monkeypatch.context() as broken:
        broken.setattr(
            "dossiers.services_receive.StatusChange.objects.create", violate_a_constraint
        )
        with pytest.raises(IntegrityError):
            dossier_receive(reception=reception, actor=None)

    assert_nothing_was_received(side_effects, audit_rows_before=audit_rows_before)
    dossier = dossier_receive(reception=reception, actor=None)
    assert dossier.code.endswith("-0001")
    assert dossier.state == State.SUBMITTED


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fallback is SQLite's")
def test_codes_stay_in_sequence_where_sqlite_cannot_return_from_an_upsert(office, monkeypatch):
    """SQLite before 3.35 has no RETURNING: the code is drawn in three statements instead."""
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    codes = [
        dossier_receive(reception=reception_for(office), actor=office.alice).code for _ in range(3)
    ]
    assert [code[-4:] for code in codes] == ["0001", "0002", "0003"]

"""Workflow scenarios as lists of (actor, action, expected state), in the style of a script."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils.timezone import localtime

from core.models import AuditEvent
from dossiers.models import Dossier, StatusChange, SupportCategory
from dossiers.services import (
    Conflict,
    Move,
    WorkflowError,
    dossier_receive,
    dossier_transition,
    dossiers_close_unsupplemented,
)
from dossiers.tests.conftest import reception_for
from dossiers.workflow import NATIONAL_CODE, Action, State

pytestmark = pytest.mark.django_db


def run(office, dossier, steps):
    """Play (actor, action, kwargs, expected state) steps, checking the state after each."""
    for actor_name, action, kwargs, expected in steps:
        actor = getattr(office, actor_name)
        kwargs = {
            k: (getattr(office, v[1:]) if isinstance(v, str) and v.startswith("@") else v)
            for k, v in kwargs.items()
        }
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, **kwargs),
            actor=actor,
        )
        assert dossier.state == expected, (action, dossier.state)
    return dossier


def test_the_happy_path_from_counter_to_returned_result(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        assert dossier.state == State.ACCEPTED
        assert dossier.code == f"{office.centre_a.code}-260302-0001"
        assert localtime(dossier.due_at).isoformat() == "2026-03-05T17:00:00+07:00"
        clock.shift(timedelta(hours=1))
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                ("sophie", Action.PROPOSE, {}, State.PROPOSED),
                ("leo", Action.APPROVE, {}, State.RESULT_READY),
                ("alice", Action.RETURN_RESULT, {}, State.RETURNED),
            ],
        )
    history = list(dossier.history.values_list("action", "to_state"))
    assert history == [
        ("receive", State.ACCEPTED),
        (Action.ASSIGN, State.IN_PROGRESS),
        (Action.PROPOSE, State.PROPOSED),
        (Action.APPROVE, State.RESULT_READY),
        (Action.RETURN_RESULT, State.RETURNED),
    ]
    assert NATIONAL_CODE[dossier.state] == 10
    assert (
        AuditEvent.objects.filter(object_type="dossiers.dossier", object_id=str(dossier.pk)).count()
        == 5
    )


def test_a_supplement_restarts_the_term_from_zero(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                (
                    "sophie",
                    Action.REQUEST_SUPPLEMENT,
                    {"reason": "Thiếu giấy chứng sinh"},
                    State.SUPPLEMENT_REQUESTED,
                ),
            ],
        )
        clock.move_to("2026-03-10 14:00 +0700")
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.SUPPLEMENT_RECEIVED, {}, State.IN_PROGRESS),
            ],
        )
        assert localtime(dossier.due_at).isoformat() == "2026-03-13T17:00:00+07:00"
        with pytest.raises(WorkflowError, match="một lần"):
            run(
                office,
                dossier,
                [
                    ("sophie", Action.REQUEST_SUPPLEMENT, {"reason": "Thêm nữa"}, None),
                ],
            )


def test_a_supplement_not_brought_within_15_days_closes_the_dossier(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = run(
            office,
            dossier,
            [
                (
                    "alice",
                    Action.REQUEST_SUPPLEMENT,
                    {"reason": "Thiếu tờ khai"},
                    State.SUPPLEMENT_REQUESTED,
                ),
            ],
        )
        clock.shift(timedelta(days=14))
        with pytest.raises(WorkflowError):
            run(
                office,
                dossier,
                [("alice", Action.CLOSE_UNSUPPLEMENTED, {"reason": "Quá hạn"}, None)],
            )
        clock.shift(timedelta(days=2))
        run(
            office,
            dossier,
            [
                ("alice", Action.CLOSE_UNSUPPLEMENTED, {"reason": "Quá 15 ngày"}, State.STOPPED),
            ],
        )


def test_the_daily_job_closes_only_supplements_15_days_overdue(office):
    supplement = [("alice", Action.REQUEST_SUPPLEMENT, {"reason": "Thiếu tờ khai"}, None)]
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        forgotten, brought = (
            dossier_transition(
                dossier_id=dossier_receive(reception=reception_for(office), actor=office.alice).pk,
                move=Move(action=step[1], expected_version=1, **step[2]),
                actor=office.alice,
            )
            for step in supplement * 2
        )
        clock.shift(timedelta(days=10))
        recent = dossier_receive(reception=reception_for(office), actor=office.alice)
        recent = dossier_transition(
            dossier_id=recent.pk,
            move=Move(Action.REQUEST_SUPPLEMENT, expected_version=1, reason="Thiếu ảnh"),
            actor=office.alice,
        )
        clock.shift(timedelta(days=4, hours=23))
        assert dossiers_close_unsupplemented() == 0  # 14 days 23 hours: still time
        run(office, brought, [("alice", Action.SUPPLEMENT_RECEIVED, {}, State.IN_PROGRESS)])
        clock.shift(timedelta(hours=1))
        assert dossiers_close_unsupplemented() == 1
        assert dossiers_close_unsupplemented() == 0  # a second run closes nothing twice
    states = dict(Dossier.objects.values_list("pk", "state"))
    assert states == {
        forgotten.pk: State.STOPPED,
        brought.pk: State.IN_PROGRESS,
        recent.pk: State.SUPPLEMENT_REQUESTED,
    }
    closing = StatusChange.objects.get(dossier=forgotten, action=Action.CLOSE_UNSUPPLEMENTED)
    assert closing.actor is None  # the system, not a person
    assert "Điều 19 khoản 5" in closing.reason  # in Vietnamese, as printed on the notice
    assert AuditEvent.objects.filter(
        action="dossier_close_unsupplemented", object_id=str(forgotten.pk), actor=None
    ).exists()


def test_an_online_submission_is_refused_with_a_reason(office):
    with time_machine.travel("2026-03-06 16:00 +0700", tick=False):
        dossier = dossier_receive(reception=reception_for(office, channel="2"), actor=None)
        assert dossier.state == State.SUBMITTED
        # 8 working hours from Friday 16:00: 1 hour on Friday, 7 on Monday → 14:30.
        assert localtime(dossier.acceptance_due_at).isoformat() == "2026-03-09T14:30:00+07:00"
        with pytest.raises(WorkflowError, match="lý do"):
            run(office, dossier, [("alice", Action.REFUSE, {}, None)])
        run(
            office,
            dossier,
            [
                ("alice", Action.REFUSE, {"reason": "Không thuộc thẩm quyền"}, State.REFUSED),
            ],
        )


def test_a_late_dossier_needs_the_apology_before_its_result_is_returned(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                ("sophie", Action.PROPOSE, {}, State.PROPOSED),
            ],
        )
        clock.move_to("2026-03-06 10:00 +0700")  # after the due date (05/03 17:00)
        dossier = run(office, dossier, [("leo", Action.APPROVE, {}, State.RESULT_READY)])
        with pytest.raises(WorkflowError, match="xin lỗi"):
            run(office, dossier, [("alice", Action.RETURN_RESULT, {}, None)])
        assert Dossier.objects.get(pk=dossier.pk).state == State.RESULT_READY


def test_the_new_date_moves_only_once_and_the_dossier_still_counts_as_late(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        new_date = dossier.due_at + timedelta(days=5)
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                (
                    "sophie",
                    Action.APOLOGISE,
                    {"reason": "Chờ xác minh", "new_due_at": new_date},
                    State.IN_PROGRESS,
                ),
            ],
        )
        assert dossier.extended_due_at == new_date
        assert dossier.due_at < new_date  # the legal due date stays: it still counts as late
        with pytest.raises(WorkflowError, match="một lần"):
            run(
                office,
                dossier,
                [
                    (
                        "sophie",
                        Action.APOLOGISE,
                        {"reason": "Lần nữa", "new_due_at": new_date + timedelta(days=1)},
                        None,
                    ),
                ],
            )


def test_withdrawal_at_the_applicants_request(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    run(
        office,
        dossier,
        [
            ("alice", Action.WITHDRAW, {"reason": "Công dân xin rút hồ sơ"}, State.WITHDRAWN),
        ],
    )


def test_a_transfer_hands_the_dossier_to_another_agency(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    dossier = run(
        office,
        dossier,
        [
            ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
            (
                "sophie",
                Action.TRANSFER,
                {"reason": "Liên thông", "to_agency": "@committee_b"},
                State.IN_PROGRESS,
            ),
        ],
    )
    assert dossier.handling_agency == office.committee_b
    assert dossier.assignee is None
    # Commune A's specialist no longer acts on it.
    with pytest.raises(WorkflowError):
        run(office, dossier, [("sophie", Action.PROPOSE, {}, None)])


def test_the_financial_obligation_pauses_the_clock(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                ("sophie", Action.REQUEST_PAYMENT, {}, State.AWAITING_PAYMENT),
            ],
        )
        clock.move_to("2026-03-03 09:00 +0700")  # one full working day paused
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.PAYMENT_RECEIVED, {}, State.IN_PROGRESS),
            ],
        )
        assert localtime(dossier.due_at).isoformat() == "2026-03-06T17:00:00+07:00"


def test_an_officer_cannot_approve_and_a_stale_page_gets_a_conflict(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    dossier = run(
        office,
        dossier,
        [
            ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
            ("sophie", Action.PROPOSE, {}, State.PROPOSED),
        ],
    )
    with pytest.raises(WorkflowError):
        run(office, dossier, [("alice", Action.APPROVE, {}, None)])
    stale = dossier.version - 1
    with pytest.raises(Conflict, match="vừa"):
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(Action.APPROVE, expected_version=stale),
            actor=office.leo,
        )
    assert StatusChange.objects.filter(dossier=dossier).count() == 3


def test_officers_of_another_commune_cannot_act(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    with pytest.raises(WorkflowError):
        run(office, dossier, [("bob", Action.WITHDRAW, {"reason": "x"}, None)])


def test_the_applicant_is_told_at_receipt_supplement_apology_and_result(
    office, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from dossiers.models import Event, MessageTemplate
    from notifications.models import Notification

    MessageTemplate.objects.create(
        agency=office.centre_a,
        event=Event.RECEIVED,
        channel="sms",
        text="Da nhan {code}, hen {due}",
    )
    # The messages leave when each action commits (its events are dispatched then).
    with (
        time_machine.travel("2026-03-02 09:00 +0700", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        new_date = dossier.due_at + timedelta(days=5)
        dossier = run(
            office,
            dossier,
            [
                ("alice", Action.ASSIGN, {"assignee": "@sophie"}, State.IN_PROGRESS),
                (
                    "sophie",
                    Action.REQUEST_SUPPLEMENT,
                    {"reason": "Thiếu giấy chứng sinh"},
                    State.SUPPLEMENT_REQUESTED,
                ),
                ("alice", Action.SUPPLEMENT_RECEIVED, {}, State.IN_PROGRESS),
                (
                    "sophie",
                    Action.APOLOGISE,
                    {"reason": "Chờ xác minh", "new_due_at": new_date},
                    State.IN_PROGRESS,
                ),
                ("sophie", Action.PROPOSE, {}, State.PROPOSED),
                ("leo", Action.APPROVE, {}, State.RESULT_READY),
            ],
        )
    bodies = list(Notification.objects.order_by("id").values_list("body", flat=True))
    assert bodies[0] == f"Da nhan {dossier.code}, hen 17:00 05/03/2026"
    assert "Thieu giay chung sinh" in bodies[1]  # SMS without diacritics
    assert "Ngay hen moi" in bodies[2]
    assert "da co ket qua" in bodies[3]
    assert len(bodies) == 4
    # A rolled-back action sends nothing.
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier_receive(reception=reception_for(office), actor=office.alice)
        raise RuntimeError
    assert Notification.objects.count() == 4


def test_an_assisted_reception_records_why_and_who_filled_the_declaration(office):
    helped = dossier_receive(
        reception=reception_for(office, support_category=SupportCategory.VISUALLY_IMPAIRED),
        actor=office.alice,
    )
    volunteer_helped = dossier_receive(
        reception=reception_for(
            office, support_category=SupportCategory.ELDERLY, assisted_by=office.sophie
        ),
        actor=office.alice,
    )
    alone = dossier_receive(reception=reception_for(office), actor=office.alice)
    assert (helped.assisted, helped.assisted_by) == (True, office.alice)
    assert volunteer_helped.assisted_by == office.sophie  # the applicant stays the citizen
    assert volunteer_helped.applicants.get().full_name == "Nguyễn Văn An"
    assert (alone.assisted, alone.assisted_by, alone.support_category) == (False, None, "")


def test_a_dossier_cannot_claim_help_without_saying_who_helped(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(support_category=SupportCategory.OTHER)

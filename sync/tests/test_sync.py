"""The dossiers' tracked events reach the (fake) national portal in order, once, with every
documented field; a portal that fails never stops the counter and loses nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.events import events_sweep
from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action
from sync.models import DossierSync
from sync.worker import sync_due

pytestmark = pytest.mark.django_db


def received(office, **changes):
    dossier = dossier_receive(reception=reception_for(office, **changes), actor=office.alice)
    events_sweep()  # the subscribers, as the dispatcher runs them after commit
    return dossier


def move(office, dossier, action, actor=None, **fields):
    dossier.refresh_from_db()
    moved = dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action, expected_version=dossier.version, **fields),
        actor=actor or office.alice,
    )
    events_sweep()
    return moved


def sync_of(dossier) -> DossierSync:
    return DossierSync.objects.get(dossier=dossier)


def test_a_received_dossier_reaches_the_portal_with_every_documented_field(office, portal):
    dossier = received(office)
    assert sync_due() == 1
    record = portal.dossiers[dossier.code]
    assert portal.rejections == []
    assert record["TrangThaiHoSo"] == 2 and record["KenhThucHien"] == 1
    assert record["MaTTHC"] == office.version.procedure.national_code
    assert record["SoGiayToChuHoSo"] == "001090012345"
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": 1, "SoDinhDanh": "001090012345"}]
    assert record["NgayHenTra"] == timezone.localtime(dossier.due_at).strftime("%Y%m%d%H%M%S")
    assert record["DanhSachLePhi"][0]["Gia"] == 8000
    assert portal.steps[dossier.code][0]["NoiDungXuLy"] == "Tiếp nhận hồ sơ"
    state = sync_of(dossier)
    assert (state.synced_code, state.waiting, state.last_error) == (2, False, "")
    assert state.synced_at is not None


def test_each_change_of_national_status_and_the_apology_arrive_in_order_and_once(office, portal):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=True):
        dossier = received(office)
        dossier = move(office, dossier, Action.ASSIGN, assignee=office.sophie)
        new_date = dossier.due_at + timedelta(days=3)
        move(
            office,
            dossier,
            Action.APOLOGISE,
            office.sophie,
            reason="Chờ xác minh",
            new_due_at=new_date,
        )
        move(office, dossier, Action.REQUEST_SUPPLEMENT, office.sophie, reason="Thiếu bản sao")
        sent = sync_due()
    # One event per round for each dossier: everything, in the order it happened.
    assert sent == 4
    assert portal.step_codes(dossier.code) == [2, 4, 4, 5]
    assert portal.duplicates == [] and portal.rejections == []
    apology = portal.steps[dossier.code][2]
    assert apology["NgayKetThucTheoQuyDinh"] == timezone.localtime(new_date).strftime(
        "%Y%m%d%H%M%S"
    )
    assert portal.dossiers[dossier.code]["TrangThaiHoSo"] == 5
    assert sync_of(dossier).synced_code == 5
    assert sync_due() == 0  # nothing sent twice


def test_a_portal_that_fails_never_blocks_the_counter_and_is_retried_later(office, portal):
    portal.fail_next = 100
    dossier = received(office)
    assert sync_due() == 0
    # The counter goes on: the dossier moves while the portal is down.
    move(office, dossier, Action.ASSIGN, assignee=office.sophie)
    state = sync_of(dossier)
    assert state.last_error == "HTTP 503" and state.attempts == 1 and state.waiting
    assert state.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert sync_due() == 0  # not due yet: backing off
    portal.fail_next = 0
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert sync_due() == 2
    assert portal.step_codes(dossier.code) == [2, 4]
    state = sync_of(dossier)
    assert (state.last_error, state.attempts, state.synced_code) == ("", 0, 4)


def test_the_wait_doubles_after_each_failure(office, portal):
    portal.fail_next = 100
    dossier = received(office)
    waits = []
    now = timezone.now()
    for _ in range(4):
        with time_machine.travel(now, tick=False):
            sync_due()
            waits.append(sync_of(dossier).next_attempt_at - now)
            now = sync_of(dossier).next_attempt_at
    assert [w.total_seconds() for w in waits] == [60, 120, 240, 480]


def test_one_dossier_the_portal_refuses_does_not_hold_back_the_others(office, portal):
    refused = received(office)
    others = [received(office) for _ in range(3)]
    portal.refuse.add(refused.code)
    assert sync_due() == 3
    assert all(portal.step_codes(d.code) == [2] for d in others)
    state = sync_of(refused)
    assert state.last_error.startswith("DongBoHoSoMC: error_code -1")
    assert state.waiting and state.synced_code is None


def test_a_batch_applied_without_an_answer_is_asked_about_not_sent_again(office, portal):
    dossier = received(office)
    portal.drop = {"CapNhatTienDoHoSoMC": 1}  # the record and the step are in; no answer
    assert sync_due() == 0
    state = sync_of(dossier)
    assert state.in_doubt and state.waiting and state.last_error == "unreachable"
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert sync_due() == 1
    assert portal.step_codes(dossier.code) == [2]
    assert portal.duplicates == [] and portal.rejections == []
    assert portal.calls.count("CapNhatTienDoHoSoMC") == 1
    assert not sync_of(dossier).in_doubt


def test_a_record_applied_without_an_answer_is_sent_again_as_an_update(office, portal):
    dossier = received(office)
    portal.drop = {"DongBoHoSoMC": 1}  # the record is in, the step never left
    assert sync_due() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert sync_due() == 1
    # Asked first (TraCuuHoSo), then sent with isUpdating "True": no "already exists" refusal.
    assert portal.step_codes(dossier.code) == [2]
    assert portal.rejections == [] and "TraCuuHoSo" in portal.calls


def test_a_claim_left_by_a_dead_worker_is_taken_over_and_checked_first(office, portal, settings):
    dossier = received(office)
    assert sync_due() == 1
    move(office, dossier, Action.ASSIGN, assignee=office.sophie)
    # A worker claimed the assignment, sent it, and died before writing it down.
    state = sync_of(dossier)
    sync_due()  # sends it (and records it); make it look as if it had not recorded
    DossierSync.objects.filter(pk=state.pk).update(
        sent_event_id=state.sent_event_id,
        in_flight_event_id=sync_of(dossier).sent_event_id,
        claimed_at=timezone.now(),
        synced_code=2,
    )
    assert sync_due() == 0  # the claim is still young: left alone
    settings.SYNC_CLAIM_TIMEOUT = 0
    assert sync_due() == 1  # taken over, found applied, not sent again
    assert portal.step_codes(dossier.code) == [2, 4] and portal.duplicates == []
    assert sync_of(dossier).synced_code == 4


def test_moves_inside_one_national_status_are_not_sent(office, portal):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=True):
        dossier = received(office)
        dossier = move(office, dossier, Action.ASSIGN, assignee=office.sophie)
        dossier = move(office, dossier, Action.PROPOSE, office.sophie)  # 4 → 4 (leader)
        assert sync_due() == 2
    assert portal.step_codes(dossier.code) == [2, 4]
    assert not sync_of(dossier).waiting


def test_the_demo_portal_takes_everything_offline(office):
    dossier = received(office)
    assert sync_due() == 1
    assert sync_of(dossier).synced_code == 2

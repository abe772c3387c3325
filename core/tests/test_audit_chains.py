"""R16: one audit chain per agency, heads that only move forward, and cutting a chain's tail."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, OperationalError, connection, transaction

from core.audit import GENESIS_HASH, audit_record
from core.models import AuditChainHead, AuditEvent
from core.tests.test_audit import _tamper

AN = "000.00.70.H01"
BINH = "000.00.71.H01"


def _record(agency_code: str, action: str = "dossier_view"):
    return audit_record(action=action, agency_code=agency_code, object_repr=f"{agency_code} hồ sơ")


def test_each_agency_has_its_own_chain(admin_user, capsys):
    login = audit_record(action="login", actor=admin_user, obj=admin_user)
    an_1 = _record(AN)
    binh_1 = _record(BINH)
    an_2 = _record(AN)
    logout = audit_record(action="logout", actor=admin_user, obj=admin_user)

    assert (an_1.previous_hash, an_1.seq) == (GENESIS_HASH, 1)
    assert (binh_1.previous_hash, binh_1.seq) == (GENESIS_HASH, 1)
    assert (an_2.previous_hash, an_2.seq) == (an_1.hash, 2)
    # Logins belong to no agency: their own chain.
    assert (logout.previous_hash, logout.seq) == (login.hash, 2)
    heads = dict(AuditChainHead.objects.values_list("chain", "last_hash"))
    assert heads == {"": logout.hash, AN: an_2.hash, BINH: binh_1.hash}
    call_command("verify_audit")
    assert "5 events verified in 3 chains" in capsys.readouterr().out


def test_verify_audit_names_the_chain_and_its_first_broken_link(admin_user):
    _record(AN)
    edited = _record(BINH)
    _record(BINH)
    _record(AN)
    _tamper("UPDATE core_auditevent SET object_repr = %s WHERE id = %s", ["sửa", edited.pk])
    with pytest.raises(CommandError, match=f"chain {BINH} broken at event #{edited.pk}"):
        call_command("verify_audit")


def test_the_database_refuses_to_reset_a_chain_head(admin_user):
    _record(AN)
    _record(AN)
    head = AuditChainHead.objects.get(chain=AN)
    attempts = [
        # Back one row: the tail could then be cut unnoticed.
        "UPDATE core_auditchainhead SET seq = seq - 1, last_hash = previous_hash WHERE chain = %s",
        # Back to the start.
        f"UPDATE core_auditchainhead SET seq = 0, last_hash = '{GENESIS_HASH}' WHERE chain = %s",
        # Forward, but not onto its own newest hash.
        f"UPDATE core_auditchainhead SET seq = seq + 1, previous_hash = '{'1' * 64}' "
        "WHERE chain = %s",
        # Moved to another chain.
        "UPDATE core_auditchainhead SET chain = 'other' WHERE chain = %s",
    ]
    if connection.vendor == "postgresql":
        # SQLite cannot refuse deletes: Django empties test tables with DELETE.
        attempts.append("DELETE FROM core_auditchainhead WHERE chain = %s")
    for sql in attempts:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [AN])
    assert AuditChainHead.objects.get(chain=AN) == head
    assert (head.seq, head.last_hash) == (2, AuditEvent.objects.filter(chain=AN).last().hash)
    _record(AN)  # the application still moves it forward
    call_command("verify_audit")


def test_verify_audit_notices_a_cut_tail(admin_user):
    _record(AN)
    _record(AN)
    newest = _record(AN)
    _record(BINH)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [newest.pk])
    with pytest.raises(CommandError, match=f"chain {AN} broken at the end.*chain head"):
        call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
def test_writers_of_different_agencies_do_not_wait_for_each_other():
    holding, release = threading.Event(), threading.Event()

    def commune_an_reception():
        try:
            with transaction.atomic():
                _record(AN)  # holds An's head until the commit
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=commune_an_reception)
    thread.start()
    try:
        assert holding.wait(10)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '3s'")
            _record(BINH)  # another commune: no wait
        with (
            pytest.raises(OperationalError, match="lock timeout"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SET LOCAL lock_timeout = '100ms'")
            _record(AN)  # the same commune queues behind the open reception
    finally:
        release.set()
        thread.join()
    assert AuditEvent.objects.filter(chain=AN).count() == 1
    call_command("verify_audit")


@pytest.mark.django_db(transaction=True)
def test_a_log_recorded_as_one_global_chain_still_verifies_after_the_migration(capsys):
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    from core.audit import event_hash

    before, after = ("core", "0005_domain_events"), ("core", "0006_audit_chains")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        old_apps = executor.loader.project_state([before]).apps
        OldEvent = old_apps.get_model("core", "AuditEvent")
        OldHead = old_apps.get_model("core", "AuditChainHead")
        previous = GENESIS_HASH
        # One chain across agencies, as recorded before the split.
        for action, agency in [("login", ""), ("dossier_receive", AN), ("dossier_view", BINH)]:
            event = OldEvent(
                at=timezone.now(),
                actor_label="an",
                agency_code=agency,
                action=action,
                previous_hash=previous,
            )
            event.hash = event_hash(event)
            event.save()
            previous = event.hash
        OldHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert after in MigrationExecutor(connection).loader.applied_migrations

    call_command("verify_audit")
    assert "3 events verified in 1 chains" in capsys.readouterr().out
    # The old rows open the no-agency chain; new rows of an agency start that agency's chain.
    assert _record("").seq == 4
    assert _record(AN).previous_hash == GENESIS_HASH
    call_command("verify_audit")
    head = AuditChainHead.objects.get(chain="")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditchainhead SET seq = 1 WHERE id = %s", [head.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged'")

"""R16: an append-only audit trail whose hash chain detects an edited or removed row."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from core.audit import audit_record
from core.models import AuditEvent


def _tamper(sql: str, params):
    """Change the table behind the application's back, as an attacker with database access
    would: get past the append-only trigger, then run the statement."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Superuser-only: run as a replica, which skips ordinary triggers.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_append_only")
            cursor.execute("DROP TRIGGER IF EXISTS core_auditchainhead_forward_only")
            cursor.execute(sql, params)


def _three_events(user):
    """Three events of one chain: the chain of rows that belong to no agency."""
    return [
        audit_record(action="login", actor=user, obj=user, ip="10.0.0.1"),
        audit_record(
            action="admin_change",
            actor=user,
            object_repr="Xã An",
            old={"closes_at": "17:00"},
            new={"closes_at": "16:30"},
        ),
        audit_record(action="logout", actor=user, obj=user, ip="2001:db8::1"),
    ]


def test_each_event_chains_to_the_one_before(admin_user):
    first, second, third = _three_events(admin_user)
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert first.actor_label == admin_user.username
    assert second.old_values == {"closes_at": "17:00"}


def test_verify_audit_accepts_an_intact_chain(admin_user, capsys):
    _three_events(admin_user)
    call_command("verify_audit")
    assert "3 events verified" in capsys.readouterr().out


def test_verify_audit_names_the_first_edited_row(admin_user):
    _, second, _ = _three_events(admin_user)
    _tamper(
        "UPDATE core_auditevent SET new_values = %s WHERE id = %s",
        ['{"closes_at": "20:00"}', second.pk],
    )
    with pytest.raises(CommandError, match=f"event #{second.pk}"):
        call_command("verify_audit")


def test_verify_audit_notices_a_removed_row(admin_user):
    first, second, third = _three_events(admin_user)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [second.pk])
    with pytest.raises(CommandError, match=f"event #{third.pk}"):
        call_command("verify_audit")


def test_verify_audit_notices_a_removed_last_row(admin_user):
    *_, third = _three_events(admin_user)
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [third.pk])
    with pytest.raises(CommandError, match="chain head"):
        call_command("verify_audit")


def test_the_application_cannot_change_or_delete_an_event(admin_user):
    event = audit_record(action="login", actor=admin_user)
    event.action = "something else"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_the_database_refuses_to_update_an_event(admin_user):
    event = audit_record(action="login", actor=admin_user)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    assert AuditEvent.objects.get(pk=event.pk).action == "login"


def test_an_event_written_in_a_rolled_back_transaction_disappears_with_it(admin_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="login", actor=admin_user)
        raise RuntimeError
    assert not AuditEvent.objects.exists()
    call_command("verify_audit")

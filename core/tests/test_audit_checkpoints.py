"""R16: daily checkpoints of the audit chains, kept in a table, a file and the inspectors' mail."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone, translation

from core.audit_checkpoints import checkpoint_latest
from core.models import AuditCheckpoint
from core.tests.test_audit import _tamper
from core.tests.test_audit_chains import AN, BINH, _record

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"
    settings.AUDIT_CHECKPOINT_RECIPIENTS = ["thanhtra@example.vn", "kiemtra@example.vn"]
    return settings.AUDIT_CHECKPOINT_FILE


def test_a_checkpoint_is_kept_in_the_table_the_file_and_the_inspectors_mail(
    checkpoint_file, capsys
):
    _record(AN)
    newest = _record(AN)
    binh = _record(BINH)
    call_command("audit_checkpoint")

    rows = list(AuditCheckpoint.objects.values_list("chain", "seq", "hash"))
    assert rows == [(AN, 2, newest.hash), (BINH, 1, binh.hash)]
    line = json.loads(checkpoint_file.read_text().splitlines()[-1])
    assert line["chains"] == [[AN, 2, newest.hash], [BINH, 1, binh.hash]]
    run = checkpoint_latest(until=timezone.now())
    assert line["digest"] == run.digest
    with translation.override("vi"):
        assert "2 chuỗi, 3 sự kiện" in run.line()
    (message,) = mail.outbox
    assert message.to == ["thanhtra@example.vn", "kiemtra@example.vn"]
    assert run.digest[:16] in message.subject
    assert run.digest in message.body and newest.hash in message.body
    assert run.digest[:16] in capsys.readouterr().out

    call_command("audit_checkpoint")
    assert len(checkpoint_file.read_text().splitlines()) == 2
    call_command("verify_audit")
    assert "against 2 checkpoints" in capsys.readouterr().out


def test_the_database_refuses_to_change_or_delete_a_checkpoint(checkpoint_file):
    _record(AN)
    call_command("audit_checkpoint")
    statements = ["UPDATE core_auditcheckpoint SET seq = 0"]
    if connection.vendor == "postgresql":
        statements.append("DELETE FROM core_auditcheckpoint")
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditCheckpoint.objects.get().seq == 1


def test_a_tail_cut_with_its_head_reset_is_caught_by_the_checkpoint(checkpoint_file):
    _record(AN)
    _record(AN)
    newest = _record(AN)
    _record(BINH)
    call_command("audit_checkpoint")
    # Someone who can get past the triggers deletes the newest row and moves the head back:
    # the chain and its head agree again.
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [newest.pk])
    _tamper(
        "UPDATE core_auditchainhead SET seq = 2, last_hash = previous_hash, previous_hash = %s "
        "WHERE chain = %s",
        [_second_previous(newest), AN],
    )
    with pytest.raises(CommandError, match=f"chain {AN} broken.*checkpoint.*saw 3"):
        call_command("verify_audit")


def _second_previous(event):
    from core.models import AuditEvent

    return AuditEvent.objects.get(hash=event.previous_hash).previous_hash


def test_a_rewritten_tail_is_caught_by_the_checkpoint(checkpoint_file):
    _record(AN)
    newest = _record(AN)
    call_command("audit_checkpoint")
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [newest.pk])
    _tamper(
        "UPDATE core_auditchainhead SET seq = 1, last_hash = previous_hash WHERE chain = %s", [AN]
    )
    # ... and writes another second row through the application: a valid chain, another hash.
    replaced = _record(AN, action="dossier_print")
    with pytest.raises(CommandError, match=f"event #{replaced.pk}.*checkpoint"):
        call_command("verify_audit")


def test_verify_audit_fails_when_the_checkpoint_file_is_lost_or_altered(checkpoint_file):
    _record(AN)
    call_command("audit_checkpoint")
    text = checkpoint_file.read_text()
    checkpoint_file.write_text(text.replace('",1,"', '",2,"'))
    with pytest.raises(CommandError, match="line 1 of audit-checkpoints.log was altered"):
        call_command("verify_audit")
    checkpoint_file.unlink()
    with pytest.raises(CommandError, match="checkpoint file .* is missing"):
        call_command("verify_audit")
    checkpoint_file.write_text(text)
    call_command("verify_audit")


def test_the_latest_checkpoint_of_a_day(checkpoint_file):
    assert checkpoint_latest(until=timezone.now()) is None
    _record(AN)
    call_command("audit_checkpoint")
    earlier = checkpoint_latest(until=timezone.now())
    _record(BINH)
    call_command("audit_checkpoint")
    assert checkpoint_latest(until=earlier.taken_at + timedelta(microseconds=1)) == earlier
    assert len(checkpoint_latest(until=timezone.now()).chains) == 2

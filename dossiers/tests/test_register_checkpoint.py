"""The tracking register's footer prints the audit log's checkpoint of its last day (R16)."""

import time_machine
from django.core.management import call_command

from core.audit_checkpoints import checkpoint_latest
from dossiers.tests.test_forms import receive, register_url, vietnam


def test_the_register_footer_shows_the_checkpoint_of_its_last_day(
    client, office, settings, tmp_path
):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.log"
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False):
        receive(office)
    with time_machine.travel("2026-03-02 23:45 +0700", tick=False):
        call_command("audit_checkpoint")
    with time_machine.travel("2026-03-03 23:45 +0700", tick=False):
        receive(office)
        call_command("audit_checkpoint")
    monday = checkpoint_latest(until=vietnam("2026-03-02 23:59"))
    client.force_login(office.alice)

    page = client.get(register_url(office, start="02/03/2026", end="02/03/2026")).content.decode()
    assert "Điểm neo nhật ký kiểm toán 02/03/2026 23:45" in page
    assert f"dấu vân tay {monday.digest[:16]}" in page
    assert "03/03/2026 23:45" not in page
    page = client.get(register_url(office, start="02/03/2026", end="04/03/2026")).content.decode()
    assert "Điểm neo nhật ký kiểm toán 03/03/2026 23:45" in page
    page = client.get(register_url(office, start="01/03/2026", end="01/03/2026")).content.decode()
    assert "Điểm neo" not in page  # no checkpoint yet on that day

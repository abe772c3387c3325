"""R22 on PostgreSQL: the sync worker killed mid-batch, twice, and started again: every event
reaches the portal exactly once, in order per dossier."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import F

from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action
from sync.models import DossierSync
from sync.tests import fake_portal

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]

ROOT = Path(__file__).resolve().parents[2]
DOSSIERS = 30


def worker(server):
    settings = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings)
    if settings.get("PASSWORD"):
        url = url.replace("@", f":{settings['PASSWORD']}@", 1)
    env = {
        **os.environ,
        **{key: str(value) for key, value in fake_portal.settings_for(server).items()},
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SYNC_CLAIM_TIMEOUT": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "sync_national_portal", "--every", "0.2", "--batch", "7"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="kills a worker process on PostgreSQL"
)
def test_killing_the_worker_mid_batch_loses_nothing_and_sends_nothing_twice(office):
    dossiers = []
    for _ in range(DOSSIERS):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(Action.ASSIGN, expected_version=1, assignee=office.sophie),
            actor=office.alice,
        )
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(Action.REQUEST_SUPPLEMENT, expected_version=2, reason="Thiếu bản sao"),
            actor=office.sophie,
        )
        dossiers.append(dossier)
    portal, server = fake_portal.start()
    running = {}
    killed = []
    applied = {"count": 0}
    # Kill the worker after the portal applied a call, before the worker hears the answer:
    # once after a record (its step not sent), once after a batch's steps.
    kill_at = {2, 9}

    def on_apply():
        applied["count"] += 1
        if applied["count"] in kill_at and running.get("process"):
            os.kill(running["process"].pid, signal.SIGKILL)
            killed.append(applied["count"])

    portal.on_apply = on_apply
    try:
        for _round in range(3):
            running["process"] = worker(server)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if running["process"].poll() is not None:
                    break  # killed: start another
                waiting = DossierSync.objects.filter(latest_event_id__gt=F("sent_event_id"))
                if len(killed) == len(kill_at) and not waiting.exists():
                    break
                time.sleep(0.2)
            if running["process"].poll() is None:
                break
    finally:
        if running["process"].poll() is None:
            running["process"].terminate()
            running["process"].wait(10)
        threading.Thread(target=server.shutdown).start()
    assert killed == sorted(kill_at)
    assert not DossierSync.objects.filter(latest_event_id__gt=F("sent_event_id")).exists()
    for dossier in dossiers:
        assert portal.step_codes(dossier.code) == [2, 4, 5], dossier.code
    assert portal.duplicates == []
    assert portal.rejections == []

"""Backup and restore as an operator runs them (R18): `manage.py backup` on a working instance,
`manage.py restore` on a new, empty one in its own process, on the engine the suite runs on
(SQLite, and PostgreSQL in CI). The restored instance has the same rows, the same files byte for
byte, and audit chains that still verify; a damaged archive or a non-empty target is refused
with a message that says what to do."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.audit_checkpoints import checkpoint_take
from dossiers.models import Dossier, DossierFile
from dossiers.services import dossier_receive
from dossiers.services_receive import ChecklistItem
from dossiers.tests.conftest import office as office  # noqa: F401 - a fixture, used by name
from dossiers.tests.conftest import reception_for
from dossiers.tests.test_files import PDF, upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("backup")]
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def instance(settings, tmp_path, office):
    """A working instance: two dossiers with scans, audit events and a checkpoint."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "checkpoints.log"
    for number in range(2):
        item = ChecklistItem(
            name="Tờ khai theo mẫu",
            originals=1,
            uploads=[upload(f"to-khai-{number}.pdf", PDF * (number + 3))],
        )
        dossier_receive(reception=reception_for(office, checklist=[item]), actor=office.alice)
    checkpoint_take()
    return office


def _restore_environment(tmp_path: Path) -> dict[str, str]:
    """A second instance: its own database, file folder and checkpoint file."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "AUDIT_CHECKPOINT_FILE": str(tmp_path / "restored-checkpoints.log"),
    }
    if connection.vendor == "postgresql":
        name = f"motcua_restore_{uuid.uuid4().hex[:12]}"
        _admin(f'CREATE DATABASE "{name}"')
        db = connection.settings_dict
        environment["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        )
        environment["RESTORED_DATABASE"] = name
    else:
        environment.pop("DATABASE_URL", None)
        environment["SQLITE_PATH"] = str(tmp_path / "restored.sqlite3")
    return environment


def _admin(statement: str) -> None:
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(statement)


@pytest.fixture
def second_instance(tmp_path):
    environment = _restore_environment(tmp_path)
    yield environment
    if "RESTORED_DATABASE" in environment:
        _admin(f'DROP DATABASE IF EXISTS "{environment["RESTORED_DATABASE"]}" WITH (FORCE)')


def _manage(environment, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def test_a_backup_restores_into_an_empty_instance_identical_and_verified(
    instance, second_instance, tmp_path
):
    archive = tmp_path / "motcua.tar"
    call_command("backup", str(archive))
    manifest = json.loads(_members(archive)["manifest.json"])
    stored = {f.file.name: f.file.read() for f in DossierFile.objects.all()}
    assert len(stored) == 2
    assert manifest["tables"]["dossiers_dossier"] == Dossier.objects.count() == 2
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == {
        name: hashlib.sha256(content).hexdigest() for name, content in stored.items()
    }

    restored = _manage(second_instance, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "as the manifest says" in restored.stdout
    assert "Audit chain intact" in restored.stdout
    media = Path(second_instance["MEDIA_ROOT"])
    for name, content in stored.items():
        assert (media / name).read_bytes() == content
    # The restored instance answers like the first: its own count of dossiers and a clean chain.
    count = _manage(
        second_instance,
        "shell",
        "-c",
        "from dossiers.models import Dossier; print(Dossier.objects.count())",
    )
    assert count.stdout.strip().splitlines()[-1] == "2", count.stderr
    assert _manage(second_instance, "verify_audit").returncode == 0


def test_restore_refuses_an_instance_that_is_not_empty(instance, second_instance, tmp_path):
    archive = tmp_path / "motcua.tar"
    call_command("backup", str(archive))
    assert _manage(second_instance, "migrate", "--no-input", "-v0").returncode == 0
    refused = _manage(second_instance, "restore", str(archive))
    assert refused.returncode != 0
    assert "the database is not empty" in refused.stderr


def test_a_damaged_archive_is_refused_and_names_what_differs(instance, second_instance, tmp_path):
    archive = tmp_path / "motcua.tar"
    call_command("backup", str(archive))
    members = _members(archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as tar:
        for name, content in members.items():
            if name.startswith("files/"):
                content = content.replace(b"Catalog", b"Catalox", 1)
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    refused = _manage(second_instance, "restore", str(damaged))
    assert refused.returncode != 0
    assert "differs from the manifest" in refused.stderr


def test_a_backup_never_overwrites_and_a_non_archive_is_refused(instance, tmp_path):
    existing = tmp_path / "old.tar"
    existing.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"yesterday's backup"
    with pytest.raises(CommandError, match="not a MotCua backup"):
        call_command("restore", str(existing))

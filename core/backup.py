"""One archive holds a whole instance: the database, every stored file and the audit checkpoint
file, with a manifest that a restore checks line by line (RELIABILITY R18).

The archive is a plain tar (the database dump and the scans inside are compressed already):

    manifest.json      what the archive holds: row counts per table, SHA-256 and size per file,
                       the code version, the database engine
    database.pgdump    pg_dump's custom format (PostgreSQL), or
    database.sqlite3   a copy made with SQLite's online-backup API
    checkpoints.log    the audit checkpoint file, when the instance has one
    files/<name>       each stored file under its storage name

A backup runs while the system serves: the dump and the row counts come from one snapshot (an
exported PostgreSQL snapshot that pg_dump joins; on SQLite, the copy is counted), and files are
copied after it, so every file a row names was there when the row was. A file saved later may
come along without its row; a restore keeps it, as a failed upload would have left it.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHECKPOINTS = "checkpoints.log"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass
class Manifest:
    engine: str
    code_version: str
    created_at: str
    tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict] = field(default_factory=dict)  # name → {"sha256", "size"}
    checkpoints_sha256: str = ""
    format: int = FORMAT

    def as_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        try:
            fields = json.loads(data)
            manifest = cls(**fields)
        except (ValueError, TypeError) as error:
            raise BackupError(f"the manifest cannot be read ({error})") from error
        if manifest.format != FORMAT:
            raise BackupError(f"archive format {manifest.format}, this version reads {FORMAT}")
        return manifest


# --- Writing ---------------------------------------------------------------------------------


def backup_write(target: Path) -> Manifest:
    """Write the archive to `target` (through a temporary name, so an interrupted backup never
    looks complete) and return its manifest."""
    engine = connection.vendor
    if engine not in DUMPS:
        raise BackupError(f"no backup for the {engine} database engine")
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    manifest = Manifest(
        engine=engine,
        code_version=code_version(),
        created_at=timezone.now().isoformat(timespec="seconds"),
    )
    with tempfile.TemporaryDirectory(prefix="motcua-backup-") as work:
        dump = Path(work) / DUMPS[engine]
        if engine == "postgresql":
            manifest.tables = _pg_dump(dump)
        else:
            manifest.tables = _sqlite_copy(dump)
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=DUMPS[engine])
            for name in stored_files():
                manifest.files[name] = _add_stored_file(archive, name)
            checkpoints = Path(settings.AUDIT_CHECKPOINT_FILE)
            if checkpoints.exists():
                manifest.checkpoints_sha256 = _sha256_of(checkpoints)
                archive.add(checkpoints, arcname=CHECKPOINTS)
            _add_bytes(archive, MANIFEST, manifest.as_json())
    os.replace(partial, target)
    return manifest


def code_version() -> str:
    """The commit the instance runs, so a restore can say which code wrote the archive."""
    git = shutil.which("git")
    if git is None:
        return os.environ.get("MOTCUA_VERSION", "unknown")
    try:
        result = subprocess.run(  # noqa: S603 - a fixed command
            [git, "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return os.environ.get("MOTCUA_VERSION", "unknown")
    return result.stdout.strip()


def _pg_dump(dump: Path) -> dict[str, int]:
    # pg_dump joins the snapshot this transaction exports: the dump and the counts see the same
    # rows, however many dossiers are received meanwhile.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _row_counts(cursor, connection.introspection.table_names(cursor))
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(dump)],
            env=_pg_environment(),
            what="pg_dump",
        )
    return tables


def _sqlite_copy(dump: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)  # one step: a consistent copy, writers keep writing
        cursor = copy.cursor()
        names = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return _row_counts(cursor, names)
    finally:
        copy.close()


def _row_counts(cursor, names) -> dict[str, int]:
    counts = {}
    for name in sorted(names):
        # The names come from the database's own catalogue, not from anyone's input.
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')  # noqa: S608 # nosec B608
        counts[name] = cursor.fetchone()[0]
    return counts


def stored_files(folder: str = "") -> Iterator[str]:
    """Every file in the default storage (local folder or S3 bucket), by storage name."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(f"{folder}/{sub}" if folder else sub)


class _HashingReader:
    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_stored_file(archive: tarfile.TarFile, name: str) -> dict:
    size = default_storage.size(name)
    with default_storage.open(name, "rb") as handle:
        reader = _HashingReader(handle)
        info = tarfile.TarInfo(f"files/{name}")
        info.size = size
        info.mtime = int(timezone.now().timestamp())
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": size}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- Restoring -------------------------------------------------------------------------------


def restore_archive(source: Path) -> Manifest:
    """Rebuild this (empty) instance from the archive, then check it against the manifest.
    Refuses to write over anything: an instance with tables, stored files or a checkpoint file
    is not empty."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    try:
        archive = tarfile.open(source, "r")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{source.name} is not a MotCua backup ({error})") from error
    with archive:
        manifest = _read_manifest(archive)
        if manifest.engine != connection.vendor:
            raise BackupError(
                f"the archive holds a {manifest.engine} database and this instance runs "
                f"{connection.vendor}: restore it on the same engine"
            )
        _refuse_unless_empty()
        with tempfile.TemporaryDirectory(prefix="motcua-restore-") as work:
            dump = Path(work) / DUMPS[manifest.engine]
            _extract_member(archive, DUMPS[manifest.engine], dump)
            if manifest.engine == "postgresql":
                _pg_restore(dump)
            else:
                _sqlite_restore(dump)
        for name, expected in manifest.files.items():
            _restore_stored_file(archive, name, expected)
        if manifest.checkpoints_sha256:
            target = Path(settings.AUDIT_CHECKPOINT_FILE)
            target.parent.mkdir(parents=True, exist_ok=True)
            _extract_member(archive, CHECKPOINTS, target)
    problems = restore_differences(manifest)
    if problems:
        raise BackupError("the restored instance differs from the manifest: " + "; ".join(problems))
    return manifest


def restore_differences(manifest: Manifest) -> list[str]:
    """What the running instance holds that the manifest does not say (empty when identical)."""
    problems = []
    connection.close()
    with connection.cursor() as cursor:
        counts = _row_counts(cursor, connection.introspection.table_names(cursor))
    for table in sorted(set(manifest.tables) | set(counts)):
        if manifest.tables.get(table) != counts.get(table):
            problems.append(
                f"table {table}: {counts.get(table)} rows, manifest {manifest.tables.get(table)}"
            )
    for name, expected in manifest.files.items():
        if not default_storage.exists(name):
            problems.append(f"file {name} is missing")
            continue
        with default_storage.open(name, "rb") as handle:
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
            problems.append(f"file {name} differs from the manifest")
    checkpoints = Path(settings.AUDIT_CHECKPOINT_FILE)
    if manifest.checkpoints_sha256 and (
        not checkpoints.exists() or _sha256_of(checkpoints) != manifest.checkpoints_sha256
    ):
        problems.append("the audit checkpoint file differs from the manifest")
    return problems


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError as error:
        raise BackupError("the archive has no manifest: not a MotCua backup") from error
    return Manifest.from_json(member.read())


def _refuse_unless_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables): restore into a new, empty "
            "database, before running migrate"
        )
    if next(stored_files(), None) is not None:
        raise BackupError("the file storage is not empty: restore into an empty storage")
    if Path(settings.AUDIT_CHECKPOINT_FILE).exists():
        raise BackupError(
            f"the audit checkpoint file {settings.AUDIT_CHECKPOINT_FILE} exists: move it away first"
        )


def _extract_member(archive: tarfile.TarFile, name: str, target: Path) -> None:
    try:
        member = archive.extractfile(name)
    except KeyError as error:
        raise BackupError(f"the archive lacks {name}") from error
    with target.open("wb") as out:
        shutil.copyfileobj(member, out, CHUNK)


def _restore_stored_file(archive: tarfile.TarFile, name: str, expected: dict) -> None:
    try:
        member = archive.extractfile(f"files/{name}")
    except KeyError as error:
        raise BackupError(f"the archive lacks the file {name} its manifest lists") from error
    saved = default_storage.save(name, member)
    if saved != name:  # the storage renamed it: something was there after all
        raise BackupError(f"the storage already held a file named {name}")


def _pg_restore(dump: Path) -> None:
    connection.close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(dump),
        ],
        env=_pg_environment(),
        what="pg_restore",
    )


def _sqlite_restore(dump: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    copy = sqlite3.connect(dump)
    into = sqlite3.connect(target)
    try:
        copy.backup(into)  # page by page into the empty file, WAL and all
    finally:
        copy.close()
        into.close()


def _pg_environment() -> dict[str, str]:
    db = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            environment[variable] = str(db[key])
    return environment


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"{what} is not installed: install the PostgreSQL client (postgresql-client) of the "
            "server's version"
        )
    try:
        # The arguments are ours; the database's name and password come from the settings.
        subprocess.run(  # noqa: S603
            [program, *command[1:]], env=env, check=True, capture_output=True, text=True
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{what} failed: {error.stderr.strip()[:500]}") from error

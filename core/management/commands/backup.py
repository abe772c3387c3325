"""manage.py backup ARCHIVE: the whole instance in one file, while it keeps serving."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write one archive with the database (pg_dump on PostgreSQL, the online-backup API on "
        "SQLite), every stored file and the audit checkpoint file, and a manifest of row counts "
        "and SHA-256 checksums. Safe while the system serves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="Where to write, e.g. /srv/backup/motcua-2026-12-07.tar"
        )

    def handle(self, *args, archive, **options):
        target = Path(archive)
        if target.exists():
            raise CommandError(f"{target} exists: choose a new name (a backup never overwrites)")
        if not target.parent.is_dir():
            raise CommandError(f"the folder {target.parent} does not exist")
        try:
            manifest = backup_write(target)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}.") from error
        rows = sum(manifest.tables.values())
        size = sum(entry["size"] for entry in manifest.files.values())
        self.stdout.write(
            f"Backup written to {target}: {rows} rows in {len(manifest.tables)} tables, "
            f"{len(manifest.files)} files ({size} bytes), code {manifest.code_version[:12]}."
        )

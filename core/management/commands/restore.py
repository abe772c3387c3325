"""manage.py restore ARCHIVE: rebuild an empty instance from a backup, and prove it."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Rebuild this instance from an archive written by `manage.py backup`: into an empty "
        "database (before migrate) and an empty file storage. Checks every table's row count and "
        "every file's SHA-256 against the manifest, then verifies the audit chains."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by manage.py backup.")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_archive(archive)
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}.") from error
        self.stdout.write(
            f"Restored {sum(manifest.tables.values())} rows in {len(manifest.tables)} tables and "
            f"{len(manifest.files)} files, as the manifest says (backup of "
            f"{manifest.created_at}, code {manifest.code_version[:12]})."
        )
        call_command("verify_audit", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("Run `manage.py migrate` if this code is newer than the backup's.")

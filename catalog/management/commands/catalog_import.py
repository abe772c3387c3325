"""Import a procedure catalogue from a JSON document or an Excel workbook, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.interchange import ImportResult, catalog_import_excel, catalog_import_json

FORMATS = ("json", "xlsx")


class Command(BaseCommand):
    help = (
        "Import a procedure catalogue (docs/catalog-format.md). Everything is checked first; "
        "one problem and nothing is applied."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .json or .xlsx file to import.")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=FORMATS,
            help="json or xlsx; by default the file's extension.",
        )

    def handle(self, *args, file: str, file_format: str | None, **options) -> None:
        path = Path(file)
        chosen = file_format or path.suffix.lstrip(".").lower()
        if chosen not in FORMATS:
            raise CommandError(
                _("Cannot tell the format of %(file)s: add --format json or --format xlsx.")
                % {"file": file}
            )
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
            ) from error
        if chosen == "xlsx":
            result = catalog_import_excel(content)
        else:
            try:
                # utf-8-sig: files saved by Windows editors start with a byte order mark.
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise CommandError(
                    _("%(file)s is not UTF-8 text, so it is not a catalogue in JSON.")
                    % {"file": file}
                ) from error
            result = catalog_import_json(text)
        self.report(result)

    def report(self, result: ImportResult) -> None:
        if result.problems:
            for problem in result.problems:
                self.stdout.write(f"{problem.where}: {problem.message}")
            raise CommandError(
                _("Nothing was imported: the file has %(count)d problem(s).")
                % {"count": len(result.problems)}
            )
        self.stdout.write(
            _(
                "Imported: %(procedures)d new procedures, %(versions)d new versions, "
                "%(drafts)d drafts updated, %(skipped)d versions already there."
            )
            % {
                "procedures": result.created_procedures,
                "versions": result.created_versions,
                "drafts": result.updated_drafts,
                "skipped": result.skipped_versions,
            }
        )

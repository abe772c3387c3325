"""Write the whole procedure catalogue to a JSON document or an Excel workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.interchange import catalog_export_excel, catalog_export_json

FORMATS = ("json", "xlsx")


class Command(BaseCommand):
    help = "Export the procedure catalogue (docs/catalog-format.md) as JSON or Excel."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=FORMATS,
            help="json or xlsx; by default the output file's extension, else json.",
        )
        parser.add_argument(
            "-o", "--output", help="The file to write; JSON goes to standard output without it."
        )

    def handle(self, *args, file_format: str | None, output: str | None, **options) -> None:
        suffix = Path(output).suffix.lstrip(".").lower() if output else ""
        chosen = file_format or (suffix if suffix in FORMATS else "json")
        if chosen == "xlsx":
            if not output:
                raise CommandError(_("An Excel export needs a file: add -o catalogue.xlsx."))
            Path(output).write_bytes(catalog_export_excel())
        elif output:
            Path(output).write_text(catalog_export_json(), encoding="utf-8")
        else:
            self.stdout.write(catalog_export_json(), ending="")
            return
        self.stdout.write(_("Catalogue written to %(path)s.") % {"path": output})

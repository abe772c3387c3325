"""Compile the project's .po files to .mo without GNU gettext, so a fresh machine needs nothing.

Each app keeps its own catalogue (`<app>/locale/`), so work on two apps never touches one file;
`locale/` at the top holds only the strings of the settings."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_dirs() -> list[Path]:
    """Every locale directory of the project: the top one, then each project app's."""
    base = Path(settings.BASE_DIR).resolve()
    app_dirs = [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and "site-packages" not in config.path
    ]
    return [Path(path) for path in settings.LOCALE_PATHS] + [d for d in app_dirs if d.is_dir()]


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po of the project (pure Python, no msgfmt)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in catalogue_dirs():
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(f"{po_path}: {po.percent_translated()}% translated")
        self.stdout.write(f"Compiled {compiled} catalogue(s).")

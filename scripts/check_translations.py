"""Fail when a translatable string has no Vietnamese translation.

Re-extracts the strings with `makemessages` (GNU gettext's xgettext), which updates each app's
<app>/locale/vi/LC_MESSAGES/django.po (and locale/ at the top for the settings) in place, then
reports every empty or fuzzy entry. A new app gets its catalogue by having a `locale/` directory.

`--reuse` first fills an empty entry with the translation the same string already has in another
catalogue (after code moved between apps), and saves the catalogues it changed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = "locale/vi/LC_MESSAGES/django.po", "*/locale/vi/LC_MESSAGES/django.po"


def main() -> int:
    if shutil.which("xgettext") is None:
        print("xgettext not found (Debian package gettext): cannot re-extract strings.")
        return 1 if os.environ.get("CI") else 0
    # Read before re-extracting: a string that moved to another app leaves its old catalogue.
    known = _translated(_catalogues())
    before = {path: path.read_text() for path in _catalogue_paths()}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            # File names without line numbers: a line moving in the code must not change every
            # catalogue that mentions the file (and collide with the next branch that does).
            "--add-location=file",
            "-i",
            ".venv/*",
            "-i",
            "var/*",
            "-i",
            "tests/*",
            "-i",
            "*/tests/*",
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _keep_unchanged(before)
    catalogues = _catalogues()
    if "--reuse" in sys.argv:
        _reuse(catalogues, known)
    translated, missing = 0, []
    for po in catalogues:
        translated += len(po.translated_entries())
        missing += po.untranslated_entries() + po.fuzzy_entries()
    for entry in missing:
        where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
        print(f"untranslated: {entry.msgid!r} ({where})")
    print(f"{translated} translated, {len(missing)} missing")
    return 1 if missing else 0


def _catalogue_paths() -> list[Path]:
    return [
        path
        for pattern in CATALOGUES
        for path in sorted(ROOT.glob(pattern))
        if ".venv" not in path.parts
    ]


def _catalogues() -> list[polib.POFile]:
    return [polib.pofile(str(path)) for path in _catalogue_paths()]


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "POT-Creation-Date" not in line)


def _keep_unchanged(before: dict[Path, str]) -> None:
    """Put back a catalogue whose only change is the extraction date in its header."""
    for path, old in before.items():
        if path.exists() and _without_date(path.read_text()) == _without_date(old):
            path.write_text(old)


def _translated(catalogues: list[polib.POFile]) -> dict:
    return {
        (entry.msgctxt, entry.msgid): entry
        for po in catalogues
        for entry in po.translated_entries()
    }


def _reuse(catalogues: list[polib.POFile], known: dict) -> None:
    for po in catalogues:
        changed = False
        # msgmerge guesses a "fuzzy" translation from a similar string: the known one is better.
        for entry in po.untranslated_entries() + po.fuzzy_entries():
            source = known.get((entry.msgctxt, entry.msgid))
            if source is not None:
                entry.msgstr = source.msgstr
                entry.msgstr_plural = dict(source.msgstr_plural)
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
                entry.previous_msgid = entry.previous_msgctxt = None
                changed = True
        if changed:
            po.save()


if __name__ == "__main__":
    sys.exit(main())

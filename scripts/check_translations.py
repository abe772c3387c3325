"""Fail when a translatable string has no Vietnamese translation.

Re-extracts the strings with `makemessages` (GNU gettext's xgettext), which updates each app's
<app>/locale/vi/LC_MESSAGES/django.po (and locale/ at the top for the settings) in place, then
reports every empty or fuzzy entry. A new app gets its catalogue by having a `locale/` directory.
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
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
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
    translated, missing = 0, []
    for pattern in CATALOGUES:
        for path in sorted(ROOT.glob(pattern)):
            if ".venv" in path.parts:
                continue
            po = polib.pofile(str(path))
            translated += len(po.translated_entries())
            missing += po.untranslated_entries() + po.fuzzy_entries()
    for entry in missing:
        where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
        print(f"untranslated: {entry.msgid!r} ({where})")
    print(f"{translated} translated, {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

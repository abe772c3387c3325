"""Fail when a translatable string has no Vietnamese translation.

Re-extracts the strings with `makemessages` (GNU gettext's xgettext), which updates
locale/vi/LC_MESSAGES/django.po in place, then reports every empty or fuzzy entry.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


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
    po = polib.pofile(str(PO))
    missing = po.untranslated_entries() + po.fuzzy_entries()
    for entry in missing:
        where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
        print(f"untranslated: {entry.msgid!r} ({where})")
    print(f"{len(po.translated_entries())} translated, {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

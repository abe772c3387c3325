"""The one check for every uploaded file: its name's extension must be a kind allowed for the
use, and its content must be that kind (detected with puremagic, never trusted from the name or
the browser's Content-Type), within a size limit. Nothing is read beyond what it needs."""

import unicodedata
import zipfile
from dataclasses import dataclass

import puremagic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    label: str  # what the officer is told to send: "PDF", "JPEG", "Word (DOCX)"
    extensions: tuple[str, ...]  # file-name endings of the kind, lower case, no dot
    detected_as: tuple[str, ...]  # what puremagic may call the content (".pdf"…)
    zip_part: str = ""  # an office file is a ZIP: the part every real one holds


KINDS = {
    "pdf": FileKind("PDF", ("pdf",), (".pdf",)),
    "jpeg": FileKind("JPEG", ("jpg", "jpeg"), (".jpg", ".jpeg", ".jfif", ".jpe")),
    "png": FileKind("PNG", ("png",), (".png",)),
    "webp": FileKind("WEBP", ("webp",), (".webp",)),
    "docx": FileKind("Word (DOCX)", ("docx",), (".zip",), zip_part="word/document.xml"),
    "xlsx": FileKind("Excel (XLSX)", ("xlsx",), (".zip",), zip_part="xl/workbook.xml"),
    "odt": FileKind("OpenDocument (ODT)", ("odt",), (".zip",), zip_part="content.xml"),
    # Word 97–2003 and Excel 97–2003 files are OLE containers: the magic bytes say which
    # container, not which program wrote it, so either name is accepted on that content.
    "doc": FileKind("Word 97–2003 (DOC)", ("doc",), (".doc",)),
    "xls": FileKind("Excel 97–2003 (XLS)", ("xls",), (".xls",)),
}

# What each use accepts.
DOSSIER_SCAN = ("pdf", "jpeg", "png", "docx", "xlsx")
CATALOGUE_TEMPLATE = ("pdf", "doc", "docx", "odt", "xls", "xlsx")
CAMERA_FRAME = ("jpeg", "png", "webp")

# Enough for every signature puremagic knows at the start of a file, and for the markup test.
HEAD_BYTES = 8192
# Markup a browser would run if it ever sniffed the file as HTML or SVG (a polyglot). A real
# PDF, JPEG or PNG has none of these in its first kilobyte.
MARKUP_MARKERS = (
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<meta",
    b"<!doctype",
    b"javascript:",
)
MARKUP_BYTES = 1024
# An office file's declared unpacked size and entry count stay far below these for any real
# form, while a zip bomb (a few KB unpacking to gigabytes) goes far above.
ZIP_MAX_UNPACKED_BYTES = 100 * 2**20
ZIP_MAX_ENTRIES = 1000


def shown_name(name: str) -> str:
    """The client's file name fit for a message: no folders, no control or direction-override
    characters, at most 80 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf")).strip()
    return name if len(name) <= 80 else f"{name[:38]}…{name[-38:]}"


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def kind_of_name(name: str, kinds) -> str | None:
    """The key among `kinds` whose extensions the name ends with, or None."""
    extension = _extension(shown_name(name))
    return next((key for key in kinds if extension in KINDS[key].extensions), None)


def _labels(kinds) -> str:
    return ", ".join(KINDS[key].label for key in kinds)


def detected(head: bytes) -> set[str]:
    """Every extension puremagic finds the content could be (".pdf", ".zip"…); empty when it
    recognises nothing."""
    if not head:
        return set()
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return set()
    found = {match.extension.lower() for match in matches}
    if found & {".docx", ".xlsx", ".pptx", ".odt", ".jar", ".apk"}:
        found.add(".zip")  # every ZIP-based format is a ZIP first
    return found


def check_upload(upload, *, kinds, max_bytes: int, content_only: bool = False) -> str:
    """Refuse `upload` unless it is one of `kinds` (keys of KINDS) by name and by content and
    at most `max_bytes` long; return the kind's key. Raises ValidationError with a `code` and a
    message naming the file and what is accepted. With `content_only`, the name is not looked
    at (a camera's picture has none worth reading). Reads the start of the file, and for an
    office file the ZIP's directory, nothing more; the caller stores nothing when it raises.
    """
    name = shown_name(getattr(upload, "name", "") or "") or _("(no name)")
    accepted = _labels(kinds)
    if content_only:
        key = None
    else:
        key = kind_of_name(upload.name or "", kinds)
        if key is None:
            raise ValidationError(
                _("“%(name)s” is not accepted here. Accepted kinds: %(accepted)s."),
                code="kind_not_allowed",
                params={"name": name, "accepted": accepted},
            )
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large: %(size)d MB at most."),
            code="too_large",
            params={"name": name, "size": max(1, max_bytes // 2**20)},
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    found = detected(head)
    candidates = [key] if key else list(kinds)
    matching = [k for k in candidates if found & set(KINDS[k].detected_as)]
    if not matching:
        expected = KINDS[key].label if key else accepted
        raise ValidationError(
            _("“%(name)s” is not a real %(expected)s file: its content is of another kind."),
            code="wrong_content",
            params={"name": name, "expected": expected},
        )
    key = matching[0]
    kind = KINDS[key]
    if kind.zip_part:
        _check_office_zip(upload, kind, name)
    elif any(marker in head[:MARKUP_BYTES].lower() for marker in MARKUP_MARKERS):
        raise ValidationError(
            _("“%(name)s” contains web page code and cannot be accepted. Scan the paper again."),
            code="polyglot",
            params={"name": name},
        )
    return key


def _check_office_zip(upload, kind: FileKind, name: str) -> None:
    """Read the ZIP's directory only: nothing is unpacked."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        entries = None
    finally:
        upload.seek(0)
    if entries is None or kind.zip_part not in {entry.filename for entry in entries}:
        raise ValidationError(
            _("“%(name)s” is not a real %(expected)s file: its content is of another kind."),
            code="not_office",
            params={"name": name, "expected": kind.label},
        )
    if len(entries) > ZIP_MAX_ENTRIES or sum(e.file_size for e in entries) > (
        ZIP_MAX_UNPACKED_BYTES
    ):
        raise ValidationError(
            _("“%(name)s” unpacks to far more data than a document holds and cannot be accepted."),
            code="zip_bomb",
            params={"name": name},
        )

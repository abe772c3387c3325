"""Dossier files (R13): checked by extension and content, stored under generated names outside
the web root with a SHA-256 fingerprint, and verified again before they are served."""

import hashlib
import os
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from core.files import DOSSIER_SCAN, check_upload
from dossiers.models import DossierDocument, DossierFile

ALLOWED_KINDS = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class FileIntegrityError(Exception):
    """The stored file is missing or no longer matches the SHA-256 taken when it was received."""


def max_bytes() -> int:
    return settings.DOSSIER_FILE_MAX_BYTES


def display_name(name: str) -> str:
    """The client's file name, fit only for showing: no folders, no control or direction-
    override characters, at most 255 characters. It never reaches the storage."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = name.strip().lstrip(".") or "file"
    return name[-255:] if len(name) > 255 else name


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _reject(message: str, code: str) -> NoReturn:
    raise ValidationError(message, code=code)


def validate_dossier_upload(upload) -> str:
    """Check one upload; return its extension. Raises ValidationError (with a `code`)."""
    if "\x00" in (upload.name or ""):
        _reject(_("The file name is not valid. Rename the file and try again."), "bad_name")
    check_upload(upload, kinds=DOSSIER_SCAN, max_bytes=max_bytes())
    extension = _extension(display_name(upload.name))
    if extension not in ALLOWED_KINDS:  # the name only looked allowed before it was cleaned
        _reject(_("The file name is not valid. Rename the file and try again."), "bad_name")
    return extension


def _fingerprint(upload, limit: int) -> tuple[str, int]:
    """SHA-256 and byte count, streamed chunk by chunk; the count, not the declared size, is
    held to the limit."""
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            _reject(
                _("The file is too large (%(size)d MB at most).") % {"size": limit // 2**20},
                "too_large",
            )
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def dossier_file_store(*, document: DossierDocument, upload, actor) -> DossierFile:
    """Check `upload`, store it under a generated name and record it on `document`.

    Raises ValidationError when the file is refused; nothing is stored then. If the caller's
    transaction rolls back afterwards, the caller deletes the stored file (see
    `files_removed_on_failure`).
    """
    stored = checked_upload_store(upload, folder="dossiers")
    try:
        return DossierFile.objects.create(
            document=document,
            file=stored.name,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
    except BaseException:
        default_storage.delete(stored.name)
        raise


@dataclass(frozen=True)
class StoredUpload:
    name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


def checked_upload_store(upload, *, folder: str) -> StoredUpload:
    """Check `upload` as every dossier file is checked (R13), then store it under a generated
    name in `folder`. Raises ValidationError, storing nothing, when the file is refused."""
    extension = validate_dossier_upload(upload)
    sha256, size = _fingerprint(upload, max_bytes())
    today = timezone.localdate()
    generated = f"{folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{extension}"
    return StoredUpload(
        name=default_storage.save(generated, upload),
        original_name=display_name(upload.name),
        content_type=CONTENT_TYPES[extension],
        size=size,
        sha256=sha256,
    )


def signed_pdf_store(content: bytes, *, folder: str, original_name: str) -> StoredUpload:
    """Store a PDF we produced (a signed copy) under a generated name, like an upload."""
    from django.core.files.base import ContentFile

    today = timezone.localdate()
    generated = f"{folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.pdf"
    return StoredUpload(
        name=default_storage.save(generated, ContentFile(content)),
        original_name=original_name or "ket-qua.pdf",
        content_type=CONTENT_TYPES["pdf"],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the storage names written inside the block; if the block raises (the
    transaction then did not commit), deletes them: no file without its dossier."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def dossier_file_open(*, file):
    """Open the stored file for reading after checking its SHA-256 against the one recorded
    at reception. Raises FileIntegrityError when it is missing or was altered."""
    try:
        handle = default_storage.open(file.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise FileIntegrityError(file.pk) from error
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(64 * 1024), b""):
        digest.update(chunk)
    if digest.hexdigest() != file.sha256:
        handle.close()
        raise FileIntegrityError(file.pk)
    handle.seek(0)
    return handle


def download_name(file) -> str:
    """The name offered to the browser: the cleaned original with the stored extension."""
    stem = os.path.splitext(display_name(file.original_name))[0] or "file"
    return f"{stem[:200]}.{_extension(file.file.name)}"


def dossier_document_add(
    *, dossier, name: str, uploads: list, stored: list[str]
) -> DossierDocument:
    """Add a received document with its files to a dossier already received (a supplement sent
    online). Call it inside the transaction of the move it belongs to, within
    `files_removed_on_failure` (whose list `stored` collects the names written)."""
    last = dossier.documents.order_by("-order").values_list("order", flat=True).first()
    document = DossierDocument.objects.create(
        dossier=dossier, order=(last or 0) + 1, name=name, received=True
    )
    for upload in uploads:
        stored.append(dossier_file_store(document=document, upload=upload, actor=None).file.name)
    return document

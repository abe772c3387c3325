"""Checks for uploaded files: an allow-list by extension AND by content, and a size limit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension → the first bytes every such file starts with. DOCX/XLSX/ODT are ZIP containers.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def validate_upload(upload, *, allowed: tuple[str, ...], max_bytes: int) -> None:
    """Raise a ValidationError with a message the uploader can act on."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed or extension not in SIGNATURES:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(kind.upper() for kind in allowed)}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)d MB at most).") % {"size": max_bytes // 2**20}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content is not a real %(kind)s file.") % {"kind": extension.upper()}
        )

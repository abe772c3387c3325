"""Reads of the signing app: the PDFs of a dossier with their newest signature check."""

from dataclasses import dataclass

from dossiers.models import Dossier, DossierFile, ResultDocument
from signing.models import SignatureCheck

PDF = "application/pdf"


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "tep" (a dossier file) or "ket-qua" (a result document)
    pk: int
    name: str
    sha256: str
    check: SignatureCheck | None


def checked_files_of(dossier: Dossier) -> list[CheckedFile]:
    """Three queries whatever the number of files: the files, the results, the checks."""
    files = list(
        DossierFile.objects.filter(document__dossier=dossier, content_type=PDF).order_by("pk")
    )
    results = list(
        ResultDocument.objects.filter(dossier=dossier, content_type=PDF)
        .exclude(file="")
        .order_by("pk")
    )
    digests = {row.sha256 for row in [*files, *results]}
    newest: dict[str, SignatureCheck] = {}
    if digests:
        for check in SignatureCheck.objects.filter(sha256__in=digests).order_by("checked_at", "id"):
            newest[check.sha256] = check
    return [
        CheckedFile("tep", row.pk, row.original_name, row.sha256, newest.get(row.sha256))
        for row in files
    ] + [
        CheckedFile(
            "ket-qua", row.pk, row.original_name or str(row), row.sha256, newest.get(row.sha256)
        )
        for row in results
    ]

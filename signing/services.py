"""Writes of the signing app: recording a signature check of a dossier's PDF."""

from django.utils import timezone

from core.audit import audit_record
from dossiers.files import dossier_file_open
from signing.models import SignatureCheck
from signing.validation import overall, pdf_signatures_validate


def signature_check_record(*, file, dossier, actor) -> SignatureCheck:
    """Validate the signatures of `file` (a DossierFile or a ResultDocument) and record it.
    The file is read through its integrity check first (FileIntegrityError otherwise). The
    validation may fetch CRLs and OCSP answers, so it runs before the row's short write."""
    with dossier_file_open(file=file) as handle:
        content = handle.read()
    findings = pdf_signatures_validate(content)
    check = SignatureCheck.objects.create(
        sha256=file.sha256,
        outcome=overall(findings),
        findings=[finding.as_dict() for finding in findings or []],
        agency_code=dossier.handling_agency.code,
        checked_by=actor,
        checked_at=timezone.now(),
    )
    audit_record(
        action="signature_checked",
        actor=actor,
        agency_code=dossier.handling_agency.code,
        obj=check,
        new={"dossier": dossier.code, "sha256": file.sha256, "outcome": check.outcome},
    )
    return check

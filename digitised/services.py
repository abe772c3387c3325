"""Writes of digitised documents: recording a component's or a result's metadata, and the reuse
of a citizen's valid digitised document in a later dossier, only with their consent."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.models import ConsentPurpose
from citizens.selectors import citizen_by_id_number, consent_in_force
from core.audit import audit_record
from digitised.models import DigitisedDocument, DigitisedKind, Reuse
from dossiers.models import Dossier, DossierFile, ResultDocument
from dossiers.models_results import mask_id

ID_NUMBER = re.compile(r"\d{12}")
TYPE_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


@dataclass(frozen=True)
class Metadata:
    """Decree 118/2025 art. 19.2: what a digitised document carries."""

    document_type_code: str
    holder_id_number: str
    name: str
    summary: str
    valid_from: date | None
    valid_until: date | None
    issuer: str
    number: str = ""


def metadata_problems(data: Metadata) -> dict[str, str]:
    """Field name → the Vietnamese message; empty when the metadata may be recorded (pure)."""
    problems = {}
    if not TYPE_CODE.fullmatch(data.document_type_code.strip()):
        problems["document_type_code"] = _(
            "Give the document type code: letters, digits, dots or dashes, e.g. GKS."
        )
    if not ID_NUMBER.fullmatch(data.holder_id_number.strip()):
        problems["holder_id_number"] = _("The holder's personal ID number has 12 digits.")
    for name, message in (
        ("name", _("Give the name of the document.")),
        ("summary", _("Give a short summary of what the document says.")),
        ("issuer", _("Give the agency that issued the document.")),
    ):
        if not getattr(data, name).strip():
            problems[name] = message
    if data.valid_from is None:
        problems["valid_from"] = _("Give the date from which the document is valid.")
    elif data.valid_until is not None and data.valid_until < data.valid_from:
        problems["valid_until"] = _("The document cannot expire before it becomes valid.")
    return problems


def _row(data: Metadata) -> dict:
    return {
        "document_type_code": data.document_type_code.strip(),
        "holder_id_number": data.holder_id_number.strip(),
        "name": data.name.strip(),
        "number": data.number.strip(),
        "summary": data.summary.strip(),
        "valid_from": data.valid_from,
        "valid_until": data.valid_until,
        "issuer": data.issuer.strip(),
    }


def _audit(action: str, document: DigitisedDocument, actor) -> None:
    audit_record(
        action=action,
        actor=actor,
        agency_code=document.dossier.receiving_agency.code,
        obj=document,
        # The audit trail keeps the holder's ID masked, as pages outside the dossier do (R17).
        new={
            "dossier": document.dossier.code,
            "type": document.document_type_code,
            "holder": mask_id(document.holder_id_number),
            "valid_from": document.valid_from,
            "valid_until": document.valid_until,
        },
    )


@transaction.atomic
def digitised_component_record(*, file: DossierFile, data: Metadata, actor) -> DigitisedDocument:
    """Record `file` (a scan or upload of a component) as a digitised document. Once: a file
    already recorded is refused with a message."""
    if problems := metadata_problems(data):
        raise ValidationError(problems)
    dossier = file.document.dossier
    try:
        with transaction.atomic():
            document = DigitisedDocument.objects.create(
                kind=DigitisedKind.COMPONENT,
                dossier=dossier,
                source_file=file,
                sha256=file.sha256,
                recorded_by=actor,
                recorded_at=timezone.now(),
                **_row(data),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This file is already recorded as a digitised document.")
        ) from error
    _audit("digitised_component_recorded", document, actor)
    return document


def result_metadata(result: ResultDocument) -> Metadata | None:
    """The electronic result's metadata, from the dossier: None when the applicant has no
    personal ID number (an organisation), whose results are not held for reuse by person."""
    dossier = result.dossier
    applicant = next((a for a in dossier.applicants.all() if a.is_primary), None)
    if applicant is None or not ID_NUMBER.fullmatch(applicant.id_number or ""):
        return None
    version = dossier.procedure_version
    return Metadata(
        document_type_code=f"KQ.{version.procedure}"[:40],
        holder_id_number=applicant.id_number,
        name=(version.result_type or version.name)[:255],
        number=result.number,
        summary=_("Result of dossier %(code)s: %(procedure)s")
        % {"code": dossier.code, "procedure": version.name},
        valid_from=result.issued_on or timezone.localdate(result.recorded_at),
        valid_until=None,
        issuer=dossier.handling_agency.name,
    )


@transaction.atomic
def digitised_result_record(*, result: ResultDocument, actor=None) -> DigitisedDocument | None:
    """Record the signed result as an electronic result, once (called when the result is
    ready). Nothing when it has no file or no personal holder."""
    if not result.file:
        return None
    if DigitisedDocument.objects.filter(result=result).exists():
        return None
    data = result_metadata(result)
    if data is None:
        return None
    document = DigitisedDocument.objects.create(
        kind=DigitisedKind.RESULT,
        dossier=result.dossier,
        result=result,
        sha256=result.sha256,
        recorded_by=actor,
        recorded_at=timezone.now(),
        **_row(data),
    )
    _audit("digitised_result_recorded", document, actor)
    return document


def _holder_of(dossier: Dossier) -> str:
    applicant = next((a for a in dossier.applicants.all() if a.is_primary), None)
    return applicant.id_number if applicant is not None else ""


@transaction.atomic
def reuse_record(*, document: DigitisedDocument, dossier: Dossier, actor) -> Reuse:
    """Use `document` in `dossier` in place of a new copy. Only the applicant's own valid
    document, only with their consent to reuse in force at the receiving agency."""
    holder = _holder_of(dossier)
    if not holder or document.holder_id_number != holder:
        raise ValidationError(_("This document belongs to someone else than the applicant."))
    today = timezone.localdate()
    if document.valid_from > today or (document.valid_until and document.valid_until < today):
        raise ValidationError(_("This document is not valid today: it cannot be reused."))
    citizen = citizen_by_id_number(id_number=holder)
    consent = (
        consent_in_force(
            citizen=citizen,
            purpose=ConsentPurpose.REUSE,
            agency_code=dossier.receiving_agency.code,
        )
        if citizen is not None
        else None
    )
    if consent is None:
        raise ValidationError(
            _("The applicant has not consented to the reuse of their data: ask them first.")
        )
    try:
        with transaction.atomic():
            reuse = Reuse.objects.create(
                document=document,
                dossier=dossier,
                consent=consent,
                recorded_by=actor,
                recorded_at=timezone.now(),
            )
    except IntegrityError as error:
        raise ValidationError(_("This document is already reused in this dossier.")) from error
    audit_record(
        action="digitised_reused",
        actor=actor,
        agency_code=dossier.receiving_agency.code,
        obj=reuse,
        new={"dossier": dossier.code, "document": document.pk, "from": document.dossier.code},
    )
    return reuse

"""Writes for the result of a dossier: the result document attached to the specialist's
proposal (a draft) and to the leader's approval (the signed final), and who collected the
result at the counter. Called by the dossier page in the same transaction as the workflow
action they belong to, so both are written or neither."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from dossiers.files import checked_upload_store, signed_pdf_store
from dossiers.models import Dossier
from dossiers.models_results import (
    CollectorKind,
    ResultCollection,
    ResultDocument,
    ResultStage,
    mask_id,
)
from dossiers.signatures import SignatureRequest, SigningFailed, pdf_sign


@dataclass(frozen=True)
class ResultDocumentData:
    number: str = ""
    issued_on: date | None = None
    note: str = ""
    upload: object = None


@dataclass(frozen=True)
class CollectorData:
    kind: str
    full_name: str
    id_number: str
    relationship: str = ""
    authorisation: str = ""


def result_document_record(
    *, dossier: Dossier, stage: str, data: ResultDocumentData, actor, stored: list[str]
) -> ResultDocument:
    """Append the result document of `stage`. A final without a file of its own carries the
    draft's file (the leader signed the draft as proposed). The names of stored files go into
    `stored`, for the caller to delete if its transaction fails (files_removed_on_failure)."""
    if stage == ResultStage.FINAL and not (data.number.strip() and data.issued_on):
        raise ValidationError(_("Give the number and the date of the signed result document."))
    row = ResultDocument(
        dossier=dossier,
        stage=stage,
        number=data.number.strip(),
        issued_on=data.issued_on,
        note=data.note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    if data.upload is not None:
        upload = checked_upload_store(data.upload, folder="results")
        stored.append(upload.name)
        row.file = upload.name
        row.original_name = upload.original_name
        row.content_type = upload.content_type
        row.size = upload.size
        row.sha256 = upload.sha256
    elif stage == ResultStage.FINAL:
        draft = (
            ResultDocument.objects.filter(dossier=dossier, stage=ResultStage.DRAFT)
            .exclude(file="")
            .order_by("-recorded_at", "-id")
            .first()
        )
        if draft is not None:
            for name in ("file", "original_name", "content_type", "size", "sha256"):
                setattr(row, name, getattr(draft, name))
    # A draft shows the leader what is proposed; a signed result on paper is identified by
    # its number and date, checked above.
    if stage == ResultStage.DRAFT and not row.file and not row.note:
        raise ValidationError(_("Attach the result document, or say in the note where it is."))
    if stage == ResultStage.FINAL and row.content_type == "application/pdf":
        _sign(row, dossier=dossier, actor=actor, stored=stored)
    row.save()
    audit_record(
        action=f"result_document_{stage}",
        actor=actor,
        agency_code=dossier.handling_agency.code,
        obj=row,
        new={
            "dossier": dossier.code,
            "number": row.number,
            "issued_on": row.issued_on,
            "sha256": row.sha256,
            "signed_by": row.signed_by,
            "signature_provider": row.signature_provider,
        },
    )
    return row


def _sign(row: ResultDocument, *, dossier: Dossier, actor, stored: list[str]) -> None:
    """ "Approve and sign" in one step: the approved PDF is signed with the agency's key before
    the approval commits, so a result is either approved and signed or neither. The signing
    plugin (the `signing` app) may take a second or two (a token, a timestamp server); the
    approval's transaction waits for it, which is the price of never leaving an approved
    result unsigned. A PDF that is not ours to sign (no PDF, a scan of a paper result signed
    by hand) is recorded as it is."""
    agency = dossier.handling_agency
    with row.file.open("rb") as handle:
        content = handle.read()
    try:
        signed = pdf_sign(
            pdf=content,
            agency_code=agency.code,
            request=SignatureRequest(
                agency_name=agency.name,
                reason=_("Approval of the result of dossier %(code)s") % {"code": dossier.code},
                approver=str(actor),
            ),
        )
    except SigningFailed as failure:
        raise ValidationError(str(failure)) from failure
    upload = signed_pdf_store(signed.content, folder="results", original_name=row.original_name)
    stored.append(upload.name)
    row.file = upload.name
    row.size = upload.size
    row.sha256 = upload.sha256
    row.signed_by = signed.signer
    row.signed_at = signed.signed_at
    row.signature_provider = signed.provider
    row.signature_demo = signed.demo


def result_collection_record(*, dossier: Dossier, data: CollectorData, actor) -> ResultCollection:
    """Record who collected the result: name, the ID number the officer checked against the
    person's card, and for an authorised person their relationship and authorisation."""
    kind = CollectorKind(data.kind)
    if kind == CollectorKind.AUTHORISED and not (
        data.relationship.strip() and data.authorisation.strip()
    ):
        raise ValidationError(
            _("For an authorised person give the relationship and the authorisation document.")
        )
    row = ResultCollection.objects.create(
        dossier=dossier,
        kind=kind,
        full_name=data.full_name.strip(),
        id_number=data.id_number.strip(),
        id_checked=True,
        relationship=data.relationship.strip(),
        authorisation=data.authorisation.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        action="result_collected",
        actor=actor,
        agency_code=dossier.return_agency.code,
        obj=dossier,
        # The audit trail keeps the ID masked, like every page (R17).
        new={"kind": kind.value, "collector": row.full_name, "id": mask_id(row.id_number)},
    )
    return row

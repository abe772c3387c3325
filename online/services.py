"""Writes of online submissions: saving a draft as the citizen goes, and submitting it as a
dossier through the one reception service (dossiers.services.dossier_receive)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from catalog.models import Channel
from core.actors import Actor
from core.audit import audit_record
from counter.services_portal_guidance import guided_session_for_code, guided_session_link
from dossiers.files import checked_upload_store
from dossiers.models import Dossier
from dossiers.services import ApplicantData, ChecklistItem, Reception, dossier_receive
from online.models import ActingFor, Draft, DraftFile
from online.photos import photos_to_pdf
from postal.services_delivery import AddressChoice, delivery_request, postage_quote


def draft_open(*, account, version, guide_code: str = "") -> Draft:
    """The citizen's unsubmitted draft for this version, or a new one with what the account
    already knows about them. A valid help code from a volunteer is kept on it."""
    session = guided_session_for_code(guide_code, version=version) if guide_code else None
    draft = Draft.objects.filter(account=account, version=version, dossier__isnull=True).first()
    if draft is not None:
        if session is not None and draft.guide_code != session.portal_code:
            draft.guide_code = session.portal_code
            draft.save(update_fields=["guide_code", "updated_at"])
        return draft
    values = {
        "full_name": account.full_name,
        "id_number": account.id_number,
        "birth_date": account.birth_date.strftime("%d/%m/%Y") if account.birth_date else "",
        "phone": account.phone or "",
        "email": account.email or "",
    }
    return Draft.objects.create(
        account=account,
        version=version,
        values=values,
        guide_code=session.portal_code if session is not None else "",
    )


def draft_save(*, draft: Draft, values: dict, uploads: dict, removed: list[int]) -> dict:
    """Keep what was typed and the files sent; drop the files the citizen removed.

    `uploads` maps a required document's id to its uploaded files. Returns the refusals,
    document id → messages; a refused file is not kept, the rest is.
    """
    refusals: dict[int, list[str]] = {}
    documents = {document.pk for document in draft.version.documents.all()}
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.submitted:
            return refusals
        draft.values = values
        if values.get("acting_for") in ActingFor.values:
            draft.acting_for = values["acting_for"]
        draft.save(update_fields=["values", "acting_for", "updated_at"])
        gone = list(DraftFile.objects.filter(draft=draft, pk__in=removed))
        DraftFile.objects.filter(pk__in=[item.pk for item in gone]).delete()
        for document_id, files in uploads.items():
            if document_id not in documents:
                continue
            for upload in files:
                try:
                    stored = checked_upload_store(upload, folder="online")
                except ValidationError as error:
                    refusals.setdefault(document_id, []).extend(error.messages)
                    continue
                DraftFile.objects.create(
                    draft=draft,
                    document_id=document_id,
                    file=stored.name,
                    original_name=stored.original_name,
                    content_type=stored.content_type,
                    size=stored.size,
                    sha256=stored.sha256,
                )
        transaction.on_commit(lambda: [default_storage.delete(item.file.name) for item in gone])
    return refusals


@dataclass
class Submission:
    """What the citizen confirmed on the last step, validated by the forms."""

    applicant: ApplicantData
    receiving_agency: object
    competent_agency: object
    return_method: str
    form_data: dict = field(default_factory=dict)
    # Where the post brings the result, when the citizen chose it (postal.forms.AddressForm).
    address: AddressChoice | None = None


def _uploads_for(files: list[DraftFile], document_name: str) -> list:
    """The files of one slot as the dossier keeps them: the photos as one PDF, the rest as
    they came."""
    photos = [item for item in files if item.is_photo]
    kept = []
    if photos:
        pages = []
        for item in photos:
            with default_storage.open(item.file.name, "rb") as handle:
                pages.append(handle.read())
        kept.append(ContentFile(photos_to_pdf(pages), name=f"{document_name[:60]}.pdf"))
    for item in files:
        if not item.is_photo:
            with default_storage.open(item.file.name, "rb") as handle:
                kept.append(ContentFile(handle.read(), name=item.original_name))
    return kept


def draft_submit(*, draft: Draft, submission: Submission) -> Dossier:
    """The dossier, in state "submitted online", received through `dossier_receive` with the
    draft's key as its submission key: a second tap, or a retry after a dropped connection,
    returns the same dossier (R2)."""
    if draft.dossier_id is not None:
        return draft.dossier
    account = draft.account
    files = list(draft.files.all())
    checklist = []
    for document in draft.version.documents.all():
        mine = [item for item in files if item.document_id == document.pk]
        checklist.append(
            ChecklistItem(
                name=document.name,
                required_id=document.pk,
                received=bool(mine),
                originals=document.originals,
                copies=document.certified_copies + document.photocopies,
                uploads=_uploads_for(mine, document.name),
            )
        )
    # Helped by a volunteer at the counter: the dossier says so, and the session names it.
    session = guided_session_for_code(draft.guide_code, version=draft.version)
    reception = Reception(
        guided_online=session is not None,
        version=draft.version,
        receiving_agency=submission.receiving_agency,
        competent_agency=submission.competent_agency,
        applicant=submission.applicant,
        channel=Channel.ONLINE,
        return_method=submission.return_method,
        form_data=submission.form_data,
        checklist=checklist,
        submission_key=str(draft.key),
    )
    actor = Actor.applicant(
        citizen=account.citizen if draft.acting_for == ActingFor.SELF else None,
        tax_code=submission.applicant.tax_code,
    )
    postage = None
    if submission.address is not None:
        # Priced before the transaction: a slow carrier holds no lock, and a carrier without a
        # price leaves nothing half-saved (PostalError for the form).
        postage = postage_quote(
            agency=submission.receiving_agency,
            commune=submission.address.commune,
            weight_grams=submission.address.weight_grams,
        )
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.dossier_id is not None:
            return locked.dossier
        dossier = dossier_receive(reception=reception, actor=actor)
        if session is not None:
            guided_session_link(session=session, dossier=dossier)
        if submission.address is not None:
            # The same delivery request, postage owed included, as at the counter: all or
            # nothing with the dossier.
            delivery_request(
                dossier=dossier, address=submission.address, actor=actor, postage=postage
            )
        locked.dossier = dossier
        locked.save(update_fields=["dossier", "updated_at"])
        audit_record(
            action="online_submit",
            agency_code=dossier.receiving_agency.code,
            obj=dossier,
            new={"account": account.pk, "acting_for": locked.acting_for},
        )
    draft.dossier = dossier
    return dossier

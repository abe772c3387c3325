"""What the citizen does online after submitting: answer a supplement request with exactly
the items asked for, or withdraw the dossier. Both are workflow moves (dossiers.workflow names
the applicant on these two edges), taken only on a dossier the online selectors gave the
citizen: the workflow does not know who the applicant of a dossier is, this app does."""

from django.core.files.base import ContentFile
from django.db import transaction

from core.actors import Actor
from dossiers.files import (
    dossier_document_add,
    files_removed_on_failure,
    validate_dossier_upload,
)
from dossiers.models import Dossier
from dossiers.services import Move, dossier_transition
from dossiers.workflow import Action
from online.photos import photos_to_pdf

SUPPLEMENT_PREFIX = "Bổ sung"  # the checklist line's name, printed on the staff's forms


def _actor(account) -> Actor:
    return Actor.applicant(citizen=account.citizen)


def _as_kept(uploads: list, name: str) -> list:
    """Photos of one item as one PDF (as at submission); other files as they came."""
    photos, others = [], []
    for upload in uploads:
        validate_dossier_upload(upload)  # R13 before anything reads it as a picture
        head = upload.read(12)
        upload.seek(0)
        is_photo = head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG")
        (photos if is_photo else others).append(upload)
    kept = list(others)
    if photos:
        pdf = photos_to_pdf([upload.read() for upload in photos])
        kept.insert(0, ContentFile(pdf, name=f"{name[:60]}.pdf"))
    return kept


def supplement_send(
    *, dossier: Dossier, account, items: list[tuple[str, list]], expected_version: int
) -> Dossier:
    """Add one document per requested item with its files, then record the complete
    supplement: the term restarts from zero (dossiers.services_moves). All or nothing."""
    with files_removed_on_failure() as stored, transaction.atomic():
        for name, uploads in items:
            dossier_document_add(
                dossier=dossier,
                name=f"{SUPPLEMENT_PREFIX}: {name}"[:2000],
                uploads=_as_kept(uploads, name),
                stored=stored,
            )
        return dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=Action.SUPPLEMENT_RECEIVED, expected_version=expected_version),
            actor=_actor(account),
        )


def dossier_withdraw(*, dossier: Dossier, account, reason: str, expected_version: int) -> Dossier:
    """The applicant withdraws the dossier, with their reason."""
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=Action.WITHDRAW, expected_version=expected_version, reason=reason),
        actor=_actor(account),
    )

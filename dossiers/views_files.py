"""Downloading a dossier's files: only for staff who can see the dossier, always as an
attachment, verified against its SHA-256 and audited (R13, R16)."""

import logging

from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.audit import audit_record
from core.network import client_ip
from dossiers.files import FileIntegrityError, dossier_file_open, download_name
from dossiers.models import DossierFile
from dossiers.selectors import dossiers_for_staff
from dossiers.selectors_results import result_document_for_staff
from org.access import staff_required

logger = logging.getLogger(__name__)

# Types a browser may be told; office files go out as plain bytes, and every file as an
# attachment, so nothing uploaded is ever rendered by the browser in our origin.
SERVED_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


@require_GET
@never_cache
@staff_required()
def file_download(request, pk: int, file_pk: int):
    # Anyone who may not see the dossier gets 404, as on the dossier's page.
    dossier_file = get_object_or_404(
        DossierFile.objects.filter(
            document__dossier__in=dossiers_for_staff(request.user).filter(pk=pk).values("pk")
        ).select_related("document__dossier__handling_agency"),
        pk=file_pk,
        document__dossier_id=pk,
    )
    return _serve(request, dossier_file, dossier_file.document.dossier, "dossier_file")


@require_GET
@never_cache
@staff_required()
def result_file_download(request, pk: int, document_pk: int):
    """The result document's file (draft or signed), like any dossier file."""
    row = result_document_for_staff(request.user, pk=pk, document_pk=document_pk)
    return _serve(request, row, row.dossier, "result_file")


def _serve(request, dossier_file, dossier, kind: str):
    audit = {
        "actor": request.user,
        "agency_code": dossier.handling_agency.code,
        "obj": dossier_file,
        "ip": client_ip(request),
    }
    try:
        handle = dossier_file_open(file=dossier_file)
    except FileIntegrityError:
        logger.error("Dossier file %s failed its integrity check", dossier_file.pk)
        audit_record(action=f"{kind}_integrity_failed", new={"dossier": dossier.code}, **audit)
        return render(
            request,
            "dossiers/file_integrity_failed.html",
            {"dossier": dossier, "dossier_file": dossier_file},
            status=409,
        )
    audit_record(
        action=f"{kind}_download",
        new={"dossier": dossier.code, "sha256": dossier_file.sha256},
        **audit,
    )
    content_type = dossier_file.content_type
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(dossier_file),
        content_type=content_type if content_type in SERVED_TYPES else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

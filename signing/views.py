"""Checking the signatures of a dossier's PDF from the dossier page, for staff who can see the
dossier (anyone else gets 404, R5)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers.files import FileIntegrityError
from dossiers.models import DossierFile
from dossiers.selectors import dossiers_for_staff
from dossiers.selectors_results import result_document_for_staff
from org.access import staff_required
from signing.services import signature_check_record


@require_POST
@staff_required()
def signature_check(request, pk: int, kind: str, file_pk: int):
    if kind == "tep":
        file = get_object_or_404(
            DossierFile.objects.filter(
                document__dossier__in=dossiers_for_staff(request.user).filter(pk=pk).values("pk")
            ).select_related("document__dossier__handling_agency"),
            pk=file_pk,
            document__dossier_id=pk,
        )
        dossier = file.document.dossier
    elif kind == "ket-qua":
        file = result_document_for_staff(request.user, pk=pk, document_pk=file_pk)
        dossier = file.dossier
    else:
        raise Http404
    if file.content_type != "application/pdf":
        raise Http404
    try:
        check = signature_check_record(file=file, dossier=dossier, actor=request.user)
    except FileIntegrityError:
        messages.error(request, _("The stored file no longer matches its fingerprint."))
        return redirect("dossiers:dossier", pk=pk)
    level = messages.SUCCESS if check.is_valid else messages.WARNING
    messages.add_message(
        request,
        level,
        _("Signature check: %(outcome)s.") % {"outcome": check.get_outcome_display()},
    )
    return redirect(reverse("dossiers:dossier", args=[pk]) + "#chu-ky-so")

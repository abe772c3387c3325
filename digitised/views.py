"""Recording a component as a digitised document and reusing a citizen's digitised document,
for staff who can see the dossier (anyone else gets 404, R5)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.eform import focus_first_error
from digitised.forms import MetadataForm
from digitised.models import DigitisedDocument
from digitised.services import digitised_component_record, reuse_record
from dossiers.models import DossierFile
from dossiers.selectors import dossier_for_staff, dossiers_for_staff
from org.access import staff_required


def _back(pk: int):
    return redirect(reverse("dossiers:dossier", args=[pk]) + "#so-hoa")


@staff_required()
def component_record(request, pk: int, file_pk: int):
    file = get_object_or_404(
        DossierFile.objects.filter(
            document__dossier__in=dossiers_for_staff(request.user).filter(pk=pk).values("pk")
        ).select_related("document__dossier__receiving_agency"),
        pk=file_pk,
        document__dossier_id=pk,
    )
    dossier = file.document.dossier
    applicant = dossier.applicants.filter(is_primary=True).first()
    initial = {
        "holder_id_number": applicant.id_number if applicant else "",
        "name": file.document.name,
    }
    form = MetadataForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            digitised_component_record(file=file, data=form.metadata(), actor=request.user)
        except ValidationError as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Recorded as a digitised document."))
            return _back(pk)
    if form.errors:
        focus_first_error(form)
    status = 400 if form.errors else 200
    context = {"form": form, "file": file, "dossier": dossier, "nav": "dossiers"}
    return render(request, "digitised/record.html", context, status=status)


@require_POST
@staff_required()
def reuse(request, pk: int, document_pk: int):
    dossier = dossier_for_staff(request.user, pk=pk)
    document = get_object_or_404(
        DigitisedDocument.objects.select_related("dossier"), pk=document_pk
    )
    try:
        reuse_record(document=document, dossier=dossier, actor=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("The digitised document is reused in this dossier."))
    return _back(pk)

"""Reads of a dossier's result: its result documents and who collected it."""

from django.http import Http404

from dossiers.models import Dossier
from dossiers.models_results import ResultCollection, ResultDocument
from dossiers.selectors import dossiers_for_staff


def result_documents_of(dossier: Dossier) -> list[ResultDocument]:
    return list(
        ResultDocument.objects.filter(dossier=dossier)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )


def collection_of(dossier: Dossier) -> ResultCollection | None:
    return ResultCollection.objects.filter(dossier=dossier).select_related("recorded_by").first()


def result_document_for_staff(user, *, pk: int, document_pk: int) -> ResultDocument:
    """A result document of a dossier `user` may see (org.access, through the dossiers'
    scope), with a file; 404 otherwise, as for the dossier (R5)."""
    row = (
        ResultDocument.objects.filter(
            dossier__in=dossiers_for_staff(user), dossier_id=pk, pk=document_pk
        )
        .exclude(file="")
        .select_related("dossier__handling_agency")
        .first()
    )
    if row is None:
        raise Http404
    return row

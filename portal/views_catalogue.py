"""The public catalogue: search, procedure pages, notice boards and template downloads."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalog import selectors
from catalog.declaration import declaration_rows
from catalog.models import RequiredDocument, VersionStatus
from portal.forms import CatalogueSearchForm

NOTICE_BOARDS = {
    "tat-ca": ("all", _("Administrative procedures")),
    "truc-tuyen-toan-trinh": ("full", _("Procedures fully online (toàn trình)")),
    "truc-tuyen-mot-phan": ("partial", _("Procedures partly online (một phần)")),
    "buu-chinh": ("postal", _("Procedures with dossiers or results by post")),
}


@require_GET
def catalogue(request):
    form = CatalogueSearchForm(
        request.GET,
        fields=selectors.fields_in_use(),
        agencies=selectors.agencies_with_procedures(),
    )
    versions = selectors.procedure_search(form.criteria())
    page = Paginator(versions, 20).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "portal/catalogue.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


@require_GET
def procedure_detail(request, pk: int):
    version = selectors.procedure_public_get(pk)
    return render(
        request,
        "portal/procedure_detail.html",
        {
            "version": version,
            "procedure": version.procedure,
            "receiving_points": selectors.receiving_points(version.procedure),
        },
    )


@require_GET
def notice_board(request, board: str):
    if board not in NOTICE_BOARDS:
        raise Http404
    kind, title = NOTICE_BOARDS[board]
    agency_code = request.GET.get("co_quan", "")[:64].replace("\x00", "")
    agency = selectors.agencies_with_procedures().filter(code=agency_code).first()
    versions = selectors.notice_board(kind, agency=agency.code if agency else "")
    return render(
        request,
        "portal/notice_board.html",
        {
            "title": title,
            "board": board,
            "boards": NOTICE_BOARDS,
            "versions": versions,
            "agency": agency,
            "agencies": selectors.agencies_with_procedures(),
        },
    )


@require_GET
def declaration(request, pk: int):
    """The blank declaration of the current version, to print and fill in by hand."""
    version = selectors.procedure_public_get(pk)
    fields = list(version.form_fields.all())
    if not fields:
        raise Http404
    return render(
        request,
        "portal/public_declaration.html",
        {
            "procedure": version.procedure,
            "version": version,
            "rows": declaration_rows(fields, {}),
            "addressee": selectors.declaration_addressee_for(version),
            "large": request.GET.get("lon") == "1",
        },
    )


@require_GET
def template_download(request, pk: int, document_pk: int):
    """A blank form to print, from a version that is or was published (never a draft)."""
    document = get_object_or_404(
        RequiredDocument.objects.exclude(version__status=VersionStatus.DRAFT),
        pk=document_pk,
        version__procedure_id=pk,
    )
    if not document.template:
        raise Http404
    return FileResponse(
        document.template.open("rb"),
        as_attachment=True,
        filename=document.template.name.rsplit("/", 1)[-1],
    )

"""The public disclosure pages: by category and hamlet, searchable without diacritics, each item
with its table and files, a printable A4 notice-board sheet, and an Atom feed.

What is shown is decided by one predicate (selectors.public_predicate): published and inside its
window. Ended items leave these pages and stay in the staff archive. Tables show names and hamlets
only: the services refuse ID and phone numbers before anything is stored.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.documents import SIGN_NOTE, Signer, render_pdf
from core.wording import long_date, place_name
from disclosure import selectors, tables
from disclosure.models import Attachment
from disclosure.rules import CATEGORIES, TableKind
from disclosure.views_staff import _file_response


def _int(raw) -> int | None:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


@require_GET
def index(request):
    day = selectors.today()
    category = request.GET.get("loai", "")
    category = category if category in CATEGORIES else ""
    hamlet_id = _int(request.GET.get("thon"))
    agency_code = request.GET.get("co_quan", "")[:64].replace("\x00", "")
    query = request.GET.get("q", "")[:200].replace("\x00", "")
    items = selectors.public_items(
        day=day, category=category, hamlet_id=hamlet_id, agency_code=agency_code, query=query
    )
    page = Paginator(items, 20).get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "disclosure/public/index.html",
        {
            "page": page,
            "categories": CATEGORIES,
            "category": category,
            "hamlets": selectors.public_hamlets(),
            "hamlet_id": hamlet_id,
            "agencies": selectors.public_agencies(day),
            "agency_code": agency_code,
            "query": query,
            "query_string": params.urlencode(),
        },
    )


def _item_context(pk: int):
    item = selectors.public_item(pk, day=selectors.today())
    category = CATEGORIES[item.category]
    rows = [row.data for row in item.rows.all()] if category.table is not TableKind.NONE else []
    return {
        "item": item,
        "category": category,
        "columns": tables.COLUMNS.get(category.table, ()),
        "rows": tables.shown_rows(category.table, rows) if rows else [],
        "totals": tables.shown_totals(category.table, rows) if rows else None,
        "attachments": list(item.attachments.all()),
        "postings": list(item.postings.all()),
    }


@require_GET
def item_detail(request, pk: int):
    return render(request, "disclosure/public/item.html", _item_context(pk))


@require_GET
def notice_sheet(request, pk: int):
    """The A4 sheet pinned on the notice board: the agency's header, the title, the table, the
    posting period, and the place for the responsible officer's signature; ?pdf=1 for a PDF."""
    context = _item_context(pk)
    item = context["item"]
    agency = item.agency
    posted = datetime.combine(item.publish_from, time(12, 0))
    context |= {
        "document_title": item.title,
        "title": "THÔNG BÁO CÔNG KHAI",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "place_date": f"{place_name(agency)}, {long_date(posted)}",
        "category_line": "Nội dung công khai",
        "paragraphs": [line for line in item.body.splitlines() if line.strip()],
        "signers": [Signer(title="NGƯỜI LẬP BIỂU", note=SIGN_NOTE)],
        "form_template": "disclosure/public/sheet_body.html",
    }
    if request.GET.get("pdf"):
        html = render_to_string("dossiers/forms/pdf.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="cong-khai-{item.pk}.pdf"'
        return response
    return render(request, "disclosure/public/sheet.html", context)


@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    item = selectors.public_item(pk, day=selectors.today())
    return _file_response(get_object_or_404(Attachment, pk=attachment_pk, item=item))


class DisclosureFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Public disclosures")
    subtitle = gettext_lazy("What the communes disclose to residents, newest first.")

    def link(self):
        return reverse("disclosure:public-index")

    def items(self):
        return selectors.public_items(day=selectors.today())[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [str(CATEGORIES[item.category].label), item.period_label, item.agency.name]
        if item.hamlet_id:
            parts.append(item.hamlet.name)
        return " · ".join(parts)

    def item_link(self, item):
        return reverse("disclosure:public-item", args=[item.pk])

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.publish_from, time(7, 0)))

    def item_updateddate(self, item):
        return item.updated_at


feed = DisclosureFeed()

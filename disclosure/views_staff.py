"""Staff pages of the disclosure register: the register and its queues, one item's page with
its postings, attachments and table, publication, and the calendar with the on-time rate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.files import check_upload
from core.sheets import SheetErrors
from disclosure import selectors, services, tables
from disclosure.access import READERS, WRITERS, can_publish, can_write, writable_agency_ids
from disclosure.forms import (
    AttachmentForm,
    ImportForm,
    ItemForm,
    PostingForm,
    PublishForm,
    WithdrawForm,
    row_form_class,
)
from disclosure.models import Attachment, Hamlet, TableRow
from disclosure.rules import CATEGORIES, STATE_BADGES, STATE_LABELS, TableKind
from org.access import staff_required
from org.models import Agency

STATES = {
    "": gettext_lazy("All"),
    "pending": gettext_lazy("Not yet disclosed"),
    "overdue": gettext_lazy("Overdue"),
    "public": gettext_lazy("On the public site"),
    "archive": gettext_lazy("Archive"),
}
IMPORT_MAX_BYTES = 5 * 2**20


def _clean(text: str, limit: int = 200) -> str:
    return (text or "")[:limit].replace("\x00", "")


def _with_state(items, day):
    for item in items:
        state = item.state(day)
        item.state_label, item.state_badge = STATE_LABELS[state], STATE_BADGES[state]
    return items


@staff_required(*READERS)
def register(request):
    day = selectors.today()
    state = request.GET.get("trang_thai", "")
    state = state if state in STATES else ""
    category = request.GET.get("loai", "")
    category = category if category in CATEGORIES else ""
    query = _clean(request.GET.get("q", ""))
    items = selectors.staff_items(
        request.user, state=state, category=category, query=query, day=day
    )
    page = Paginator(items, 25).get_page(request.GET.get("trang"))
    _with_state(page.object_list, day)
    return render(
        request,
        "disclosure/staff/register.html",
        {
            "nav": "disclosure",
            "page": page,
            "states": STATES,
            "state": state,
            "categories": CATEGORIES,
            "category": category,
            "query": query,
            "query_string": urlencode(
                {k: v for k, v in {"trang_thai": state, "loai": category, "q": query}.items() if v}
            ),
            "can_create": bool(writable_agency_ids(request.user)),
        },
    )


def _item_form(request, *, data=None, initial=None, editing=False):
    agencies = Agency.objects.filter(
        is_active=True, id__in=writable_agency_ids(request.user)
    ).order_by("name")
    hamlets = Hamlet.objects.filter(agency__in=agencies).select_related("agency")
    return ItemForm(data, initial=initial, agencies=agencies, hamlets=hamlets, editing=editing)


@staff_required(*WRITERS)
def item_new(request):
    form = _item_form(request, data=request.POST or None, initial=_initial_from(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _may_create(request.user, data):
            form.add_error("hamlet", _("You enter the disclosures of your own hamlets only."))
        else:
            try:
                item = services.item_create(actor=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Disclosure created. Add its table or files, then publish it.")
                )
                return redirect("disclosure:staff-item", pk=item.pk)
    return render(request, "disclosure/staff/item_form.html", {"nav": "disclosure", "form": form})


def _initial_from(request):
    category = request.GET.get("loai", "")
    return {"category": category} if category in CATEGORIES else None


def _may_create(user, data) -> bool:
    from disclosure.access import PUBLISHERS
    from org.access import holds_role_over, is_system_admin

    if is_system_admin(user) or holds_role_over(user, PUBLISHERS, [data["agency"].pk]):
        return True
    hamlet = data.get("hamlet")
    return hamlet is not None and hamlet.data_officers.filter(pk=user.pk).exists()


def _writable(request, pk):
    item = selectors.staff_item(request.user, pk)
    if not can_write(request.user, item):
        raise PermissionDenied
    return item


def _detail(request, item, status=200, **forms):
    day = selectors.today()
    category = CATEGORIES[item.category]
    rows = list(item.rows.all()) if category.table is not TableKind.NONE else []
    state = item.state(day)
    writable = can_write(request.user, item)
    context = {
        "nav": "disclosure",
        "item": item,
        "category": category,
        "state_label": STATE_LABELS[state],
        "state_badge": STATE_BADGES[state],
        "columns": tables.COLUMNS.get(category.table, ()),
        "rows": tables.shown_rows(category.table, rows) if rows else [],
        "totals": tables.shown_totals(category.table, rows) if rows else None,
        "postings": list(item.postings.all()),
        "attachments": list(item.attachments.all()),
        "can_write": writable,
        "can_publish": can_publish(request.user, item),
        "publish_form": forms.get("publish_form")
        or PublishForm(
            initial={
                "publish_from": item.publish_from or max(day, item.period_start),
                "publish_until": item.publish_until or item.keep_until,
            }
        ),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "posting_form": forms.get("posting_form") or PostingForm(initial={"posted_on": day}),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "import_form": forms.get("import_form") or ImportForm(),
        "import_errors": forms.get("import_errors"),
        "row_form": forms.get("row_form")
        or (row_form_class(category.table)() if category.table is not TableKind.NONE else None),
    }
    return render(request, "disclosure/staff/item.html", context, status=status)


@staff_required(*READERS)
def item_detail(request, pk: int):
    return _detail(request, selectors.staff_item(request.user, pk))


@staff_required(*WRITERS)
def item_edit(request, pk: int):
    item = _writable(request, pk)
    initial = {
        name: getattr(item, name)
        for name in ("title", "period_label", "period_start", "period_end", "issued_on", "body")
    }
    initial["hamlet"] = item.hamlet_id
    form = _item_form(request, data=request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            version = int(request.POST.get("version", "0"))
        except ValueError:
            version = 0
        try:
            services.item_update(
                actor=request.user, item=item, version=version, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("disclosure:staff-item", pk=item.pk)
    return render(
        request,
        "disclosure/staff/item_form.html",
        {"nav": "disclosure", "form": form, "item": item},
    )


@require_POST
@staff_required(*WRITERS)
def item_publish(request, pk: int):
    item = selectors.staff_item(request.user, pk)
    if not can_publish(request.user, item):
        raise PermissionDenied
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.item_publish(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Published on the public site."))
            return redirect("disclosure:staff-item", pk=item.pk)
    return _detail(request, item, status=400, publish_form=form)


@require_POST
@staff_required(*WRITERS)
def item_withdraw(request, pk: int):
    item = selectors.staff_item(request.user, pk)
    if not can_publish(request.user, item):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.item_withdraw(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        messages.success(request, _("Withdrawn from the public site; it stays in the archive."))
        return redirect("disclosure:staff-item", pk=item.pk)
    return _detail(request, item, status=400, withdraw_form=form)


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
@staff_required(*WRITERS)
def posting_add(request, pk: int):
    item = _writable(request, pk)
    form = PostingForm(request.POST)
    if form.is_valid():
        try:
            services.posting_add(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Posting recorded."))
            return redirect("disclosure:staff-item", pk=item.pk)
    return _detail(request, item, status=400, posting_form=form)


@require_POST
@staff_required(*WRITERS)
def attachment_add(request, pk: int):
    item = _writable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(actor=request.user, item=item, upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("File attached."))
            return redirect("disclosure:staff-item", pk=item.pk)
    return _detail(request, item, status=400, attachment_form=form)


@require_POST
@staff_required(*WRITERS)
def attachment_remove(request, pk: int, attachment_pk: int):
    item = _writable(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item=item)
    services.attachment_remove(actor=request.user, attachment=attachment)
    messages.success(request, _("File removed."))
    return redirect("disclosure:staff-item", pk=item.pk)


@staff_required(*READERS)
def attachment_download(request, pk: int, attachment_pk: int):
    item = selectors.staff_item(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, item=item)
    return _file_response(attachment)


def _file_response(attachment):
    response = FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_required(*WRITERS)
def table_import(request, pk: int):
    """Replace the item's table from an Excel sheet: every row valid, or nothing changes and
    the officer sees each error by row and column."""
    item = _writable(request, pk)
    kind = CATEGORIES[item.category].table
    if kind is TableKind.NONE:
        raise Http404
    form = ImportForm(request.POST, request.FILES)
    import_errors = None
    if form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            check_upload(upload, kinds=("xlsx",), max_bytes=IMPORT_MAX_BYTES)
        except ValidationError as error:
            form.add_error("sheet", error)
        else:
            upload.seek(0)
            rows, errors = tables.read_workbook(upload, kind)
            if errors:
                import_errors = errors.errors
            else:
                count = services.table_replace(
                    actor=request.user, item=item, rows=rows, source=upload.name[:100]
                )
                messages.success(request, _("%(n)d rows imported.") % {"n": count})
                return redirect("disclosure:staff-item", pk=item.pk)
    return _detail(request, item, status=400, import_form=form, import_errors=import_errors)


@require_POST
@staff_required(*WRITERS)
def row_add(request, pk: int):
    item = _writable(request, pk)
    kind = CATEGORIES[item.category].table
    if kind is TableKind.NONE:
        raise Http404
    form = row_form_class(kind)(request.POST)
    if form.is_valid():
        errors = SheetErrors()
        data = tables.clean_row(kind, form.cleaned_data, row=1, errors=errors)
        if not errors:
            services.table_row_add(actor=request.user, item=item, data=data)
            messages.success(request, _("Row added."))
            return redirect(f"{item_url(item)}#bang")
        labels = {str(column.label): column.key for column in tables.COLUMNS[kind]}
        for _row, column, message in errors.errors:
            form.add_error(labels.get(column), message)
    return _detail(request, item, status=400, row_form=form)


def item_url(item) -> str:
    from django.urls import reverse

    return reverse("disclosure:staff-item", args=[item.pk])


@require_POST
@staff_required(*WRITERS)
def row_remove(request, pk: int, row_pk: int):
    item = _writable(request, pk)
    row = get_object_or_404(TableRow, pk=row_pk, item=item)
    services.table_row_remove(actor=request.user, row=row)
    messages.success(request, _("Row removed."))
    return redirect(f"{item_url(item)}#bang")


@staff_required(*READERS)
def table_template(request, pk: int):
    item = selectors.staff_item(request.user, pk)
    kind = CATEGORIES[item.category].table
    if kind is TableKind.NONE:
        raise Http404
    response = HttpResponse(
        tables.template_workbook(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-{kind.value}.xlsx"'
    return response


@staff_required(*READERS)
def disclosure_calendar(request):
    """What must be disclosed when: overdue first, then the next 90 days; and the on-time rate
    of each agency this year (Decision 766, transparency)."""
    from datetime import timedelta

    day = selectors.today()
    try:
        year = int(request.GET.get("nam", day.year))
    except ValueError:
        year = day.year
    year = min(max(year, 2000), 2100)
    items = list(
        selectors.calendar_items(request.user, first=day, last=day + timedelta(days=90))[:300]
    )
    _with_state(items, day)
    return render(
        request,
        "disclosure/staff/calendar.html",
        {
            "nav": "disclosure-calendar",
            "items": items,
            "today": day,
            "year": year,
            "rates": selectors.on_time_by_agency(request.user, year=year, day=day),
        },
    )


@staff_required(*WRITERS)
def hamlets(request):
    """The hamlets of the user's communes, where lists are posted and data officers work."""
    from disclosure.access import PUBLISHERS
    from org.access import agency_ids_with_role

    agencies = Agency.objects.filter(
        is_active=True, id__in=agency_ids_with_role(request.user, PUBLISHERS)
    ).order_by("name")
    error = ""
    if request.method == "POST":
        raw = request.POST.get("agency", "")
        agency = (
            agencies.filter(pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and len(raw) < 10
            else None
        )
        if agency is None:
            raise PermissionDenied
        try:
            services.hamlet_create(
                actor=request.user, agency=agency, name=_clean(request.POST.get("name", ""), 120)
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Hamlet added."))
            return redirect("disclosure:staff-hamlets")
    return render(
        request,
        "disclosure/staff/hamlets.html",
        {
            "nav": "disclosure-hamlets",
            "hamlets": selectors.hamlets_for(request.user).prefetch_related("data_officers"),
            "agencies": agencies,
            "error": error,
        },
        status=400 if error else 200,
    )

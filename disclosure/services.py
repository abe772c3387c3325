"""Every write to the disclosure register: atomic, audited, checked against the rules."""

import hashlib
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.files import check_upload, shown_name
from core.selectors import working_calendar
from core.text import fold
from disclosure.models import Attachment, DisclosureItem, Hamlet, ItemStatus, Posting, TableRow
from disclosure.rules import CATEGORIES, TableKind, required_window
from disclosure.tables import personal_numbers_in

ATTACHMENT_KINDS = ("pdf", "jpeg", "png", "xlsx", "docx")
ATTACHMENT_MAX_BYTES = 20 * 2**20


def _search_text(item: DisclosureItem) -> str:
    hamlet = item.hamlet.name if item.hamlet_id else ""
    return fold(" ".join((item.title, item.period_label, hamlet, item.body)))


def _check_text(**fields: str) -> None:
    for name, text in fields.items():
        if personal_numbers_in(text):
            raise ValidationError({name: _("No ID card or phone numbers in a public disclosure.")})


def _apply_window(item: DisclosureItem) -> None:
    window = required_window(
        CATEGORIES[item.category],
        issued_on=item.issued_on,
        period_start=item.period_start,
        period_end=item.period_end,
        calendar=working_calendar(),
    )
    item.due_on, item.keep_until = window.due, window.keep_until


def _audit(action: str, item: DisclosureItem, actor, **new) -> None:
    audit_record(action=action, actor=actor, agency_code=item.agency.code, obj=item, new=new)


def _check_hamlet(agency, hamlet: Hamlet | None) -> None:
    if hamlet is not None and hamlet.agency_id != agency.pk:
        raise ValidationError({"hamlet": _("This hamlet belongs to another commune.")})


@transaction.atomic
def item_create(
    *,
    actor,
    agency,
    category: str,
    title: str,
    period_label: str,
    period_start: date,
    period_end: date,
    issued_on: date | None = None,
    hamlet: Hamlet | None = None,
    body: str = "",
) -> DisclosureItem:
    if category not in CATEGORIES:
        raise ValidationError({"category": _("Choose a category.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    _check_text(title=title, body=body)
    _check_hamlet(agency, hamlet)
    item = DisclosureItem(
        agency=agency,
        category=category,
        title=title,
        period_label=period_label,
        period_start=period_start,
        period_end=period_end,
        issued_on=issued_on,
        hamlet=hamlet,
        body=body,
        created_by=actor,
    )
    _apply_window(item)
    item.search_text = _search_text(item)
    item.save()
    _audit("disclosure.create", item, actor, category=category, title=title)
    return item


@transaction.atomic
def item_update(*, actor, item: DisclosureItem, version: int, **fields) -> DisclosureItem:
    """Change the item's text and dates. `version` is the one the officer's form was built
    from: a stale form gets a clear conflict instead of overwriting a colleague's change."""
    allowed = {
        "title",
        "period_label",
        "period_start",
        "period_end",
        "issued_on",
        "hamlet",
        "body",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    _check_text(title=fields.get("title", ""), body=fields.get("body", ""))
    _check_hamlet(item.agency, fields.get("hamlet"))
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    updated = DisclosureItem.objects.filter(pk=item.pk, version=version).update(
        version=F("version") + 1
    )
    if not updated:
        raise ValidationError(
            _("Someone else changed this disclosure meanwhile. Reload the page and try again.")
        )
    item.refresh_from_db()
    for name, value in fields.items():
        setattr(item, name, value)
    _apply_window(item)
    item.search_text = _search_text(item)
    item.save()
    _audit("disclosure.update", item, actor, **{k: str(v) for k, v in fields.items()})
    return item


@transaction.atomic
def item_publish(
    *, actor, item: DisclosureItem, publish_from: date, publish_until: date | None
) -> DisclosureItem:
    """Put the item on the public site from `publish_from` to `publish_until` (inclusive)."""
    if publish_until is not None and publish_until < publish_from:
        raise ValidationError({"publish_until": _("The end date is before the start date.")})
    if publish_until is not None and publish_until < item.keep_until:
        raise ValidationError(
            {
                "publish_until": _("This category must stay posted at least until %(day)s.")
                % {"day": item.keep_until.strftime("%d/%m/%Y")}
            }
        )
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    item.status = ItemStatus.PUBLISHED
    item.publish_from, item.publish_until = publish_from, publish_until
    if item.first_published_on is None or publish_from < item.first_published_on:
        item.first_published_on = publish_from
    item.version += 1
    item.save()
    _audit(
        "disclosure.publish",
        item,
        actor,
        publish_from=publish_from.isoformat(),
        publish_until=publish_until.isoformat() if publish_until else "",
    )
    return item


@transaction.atomic
def item_withdraw(*, actor, item: DisclosureItem, reason: str) -> DisclosureItem:
    """Take an item off the public site before its end (an error in it). It stays in the
    register and the archive, and its first disclosure day still counts."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is withdrawn.")})
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    item.status = ItemStatus.WITHDRAWN
    item.version += 1
    item.save()
    _audit("disclosure.withdraw", item, actor, reason=reason)
    return item


@transaction.atomic
def posting_add(
    *,
    actor,
    item: DisclosureItem,
    place: str,
    posted_on: date,
    responsible: str,
    taken_down_on: date | None = None,
    note: str = "",
) -> Posting:
    _check_text(responsible=responsible, note=note)
    if taken_down_on is not None and taken_down_on < posted_on:
        raise ValidationError({"taken_down_on": _("Taken down before it was posted.")})
    posting = Posting.objects.create(
        item=item,
        place=place,
        posted_on=posted_on,
        taken_down_on=taken_down_on,
        responsible=responsible,
        note=note,
    )
    # Posting on the board counts as disclosure even before the website shows it.
    DisclosureItem.objects.filter(pk=item.pk, first_published_on__isnull=True).update(
        first_published_on=posted_on
    )
    DisclosureItem.objects.filter(pk=item.pk, first_published_on__gt=posted_on).update(
        first_published_on=posted_on
    )
    _audit("disclosure.posting", item, actor, place=place, posted_on=posted_on.isoformat())
    return posting


@transaction.atomic
def attachment_add(*, actor, item: DisclosureItem, upload) -> Attachment:
    kind = check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    upload.seek(0)
    content = upload.read()
    extension = {"jpeg": "jpg"}.get(kind, kind)
    attachment = Attachment(
        item=item,
        name=shown_name(upload.name)[:255],
        kind=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    try:
        attachment.save()
    except Exception:
        # No row, no file: an orphan file would hold data no register lists.
        attachment.file.storage.delete(attachment.file.name)
        raise
    _audit("disclosure.attach", item, actor, name=attachment.name, sha256=attachment.sha256)
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    item = attachment.item
    name = attachment.name
    stored = attachment.file.name
    attachment.delete()
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(stored))
    _audit("disclosure.detach", item, actor, name=name)


@transaction.atomic
def table_replace(*, actor, item: DisclosureItem, rows: list[dict], source: str) -> int:
    """Replace the item's whole table with `rows`, already checked by disclosure.tables (the
    import is all or nothing: the caller passes rows only when the sheet had no error)."""
    if CATEGORIES[item.category].table is TableKind.NONE:
        raise ValidationError(_("This category has no table."))
    TableRow.objects.filter(item=item).delete()
    TableRow.objects.bulk_create(
        TableRow(item=item, position=position, data=data)
        for position, data in enumerate(rows, start=1)
    )
    DisclosureItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
    _audit("disclosure.table", item, actor, rows=len(rows), source=source)
    return len(rows)


@transaction.atomic
def table_row_add(*, actor, item: DisclosureItem, data: dict) -> TableRow:
    if CATEGORIES[item.category].table is TableKind.NONE:
        raise ValidationError(_("This category has no table."))
    last = TableRow.objects.filter(item=item).order_by("-position").first()
    row = TableRow.objects.create(item=item, position=(last.position + 1) if last else 1, data=data)
    _audit("disclosure.row_add", item, actor, position=row.position)
    return row


@transaction.atomic
def table_row_remove(*, actor, row: TableRow) -> None:
    item, position = row.item, row.position
    row.delete()
    _audit("disclosure.row_remove", item, actor, position=position)


@transaction.atomic
def hamlet_create(*, actor, agency, name: str) -> Hamlet:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the hamlet's name.")})
    if Hamlet.objects.filter(agency=agency, name__iexact=name).exists():
        raise ValidationError({"name": _("This hamlet already exists.")})
    hamlet = Hamlet.objects.create(agency=agency, name=name)
    audit_record(
        action="disclosure.hamlet", actor=actor, agency_code=agency.code, obj=hamlet, new={}
    )
    return hamlet

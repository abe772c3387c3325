"""The staff page of dossiers the national portal is behind on, and why, with "send again"."""

from datetime import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.paging import uncounted_page
from org.access import staff_required, visible_agency_ids
from org.models import Role
from sync.selectors import synced_rate, unsynced_for
from sync.services import sync_send_again

# Who watches the sync: those who keep the agency's messages and records.
SYNC_KEEPERS = (Role.RECEIVING_OFFICER, Role.LEADER, Role.AGENCY_ADMIN)
PAGE_SIZE = 50

# The 10 national status codes with their official labels (DOMAIN.md §4).
NATIONAL_LABELS = {
    1: pgettext_lazy("national status", "Registered online"),
    2: pgettext_lazy("national status", "Received"),
    3: pgettext_lazy("national status", "Not received"),
    4: pgettext_lazy("national status", "Being processed"),
    5: pgettext_lazy("national status", "Supplement requested"),
    6: pgettext_lazy("national status", "Financial obligation requested"),
    7: pgettext_lazy("national status", "Withdrawn by the applicant"),
    8: pgettext_lazy("national status", "Processing stopped"),
    9: pgettext_lazy("national status", "Processed"),
    10: pgettext_lazy("national status", "Result returned"),
}


def error_label(error: str) -> str:
    """Why, in the officer's words: the worker stores short English codes (sync.portal)."""
    if not error:
        return ""
    if error == "timeout":
        return _("The portal did not answer in time")
    if error == "unreachable":
        return _("Could not connect to the portal")
    if error == "unreadable answer":
        return _("The portal's answer could not be read")
    if error.startswith("HTTP "):
        return _("The portal answered with an error (%(status)s)") % {"status": error}
    if "error_code" in error:
        return _("The portal refused it: %(detail)s") % {"detail": error}
    return _("Configuration error: %(detail)s") % {"detail": error}


def _this_month() -> tuple[datetime, datetime]:
    today = timezone.localdate()
    first = today.replace(day=1)
    after = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, datetime.min.time(), zone),
        datetime.combine(after, datetime.min.time(), zone),
    )


@staff_required(*SYNC_KEEPERS)
def unsynced(request):
    page = uncounted_page(
        unsynced_for(request.user), number=request.GET.get("trang"), per_page=PAGE_SIZE
    )
    for row in page.object_list:
        row.synced_label = NATIONAL_LABELS.get(row.synced_code, "")
        row.error_label = error_label(row.last_error)
    start, end = _this_month()
    rate = synced_rate(agency_ids=visible_agency_ids(request.user), start=start, end=end)
    return render(
        request,
        "sync/unsynced.html",
        {"nav": "sync", "page": page, "query_string": "", "rate": rate, "month": start},
    )


@require_POST
@staff_required(*SYNC_KEEPERS)
def send_again(request, pk: int):
    row = unsynced_for(request.user).filter(pk=pk).first()
    if row is None:  # another agency's dossier, or synced meanwhile
        raise Http404
    sync_send_again(sync_id=row.pk, actor=request.user)
    messages.success(request, _("The dossier will be sent to the national portal in a moment."))
    return redirect("sync:unsynced")

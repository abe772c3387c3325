"""Feedback's parts of other apps' pages (core.panels): the items about a dossier on the staff
dossier page, and the overdue items on "Việc hôm nay"."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.panels import TodaySection, dossier_panel, today_section
from feedback import selectors
from feedback.wording import state_tone
from org.access import visible_agency_ids

TODAY_ROWS = 10


@dossier_panel(order=60)
def feedback_on_dossier(request, dossier):
    """One query: the feedback items that point at this dossier (the dossier page has already
    checked that the user may see it; the items' own pages check their agency)."""
    items = selectors.items_about_dossier(dossier)
    if not items:
        return None
    for item in items:
        item.tone = state_tone(item.state)
    return render_to_string("feedback/panel_dossier.html", {"items": items}, request=request)


@today_section(order=40)
def overdue_feedback(request):
    """Overdue feedback of the user's agencies, oldest deadline first (one query for the rows,
    one for the count); nothing for a user who sees no agency."""
    if not visible_agency_ids(request.user):
        return None
    rows = selectors.overdue(selectors.items_for_staff(request.user), now=timezone.now())
    shown = list(rows.order_by("due_at")[:TODAY_ROWS])
    count = len(shown) if len(shown) < TODAY_ROWS else rows.count()
    return TodaySection(
        key="feedback-overdue",
        title=_("Overdue feedback"),
        count=count,
        url=reverse("feedback:queue") + "?hang=overdue",
        rows=[
            (item.code, item.subject, reverse("feedback:item", args=[item.pk])) for item in shown
        ],
    )

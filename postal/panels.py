"""The postal part of pages other apps own (core.panels): the envelope and the delivery on the
staff dossier page, and the postal work on the officers' "Việc hôm nay"."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Channel
from core.panels import TodaySection, dossier_panel, today_section
from dossiers.models import ReturnMethod
from org.access import active_roles_of
from org.models import Role
from postal import selectors


@dossier_panel(order=40)
def postal_panel(request, dossier):
    if dossier.channel != Channel.POSTAL and dossier.return_method != ReturnMethod.POST:
        return None
    item, delivery = selectors.postal_of_dossier(dossier)
    return render_to_string(
        "postal/_panel.html",
        {"dossier": dossier, "item": item, "delivery": delivery},
        request=request,
    )


@today_section(order=40)
def postal_today(request):
    """For receiving officers: the postal work waiting at their centre (the clerk has a page of
    their own)."""
    if not active_roles_of(request.user, {Role.RECEIVING_OFFICER}):
        return None
    titles = {
        key: key
        for key in (
            "register",
            "request",
            "order",
            "hand-over",
            "with-post",
            "confirm",
            "came-back",
            "receipts",
            "to-sender",
        )
    }
    day = selectors.postal_day(request.user, titles=titles)
    waiting = (
        day.to_register.count
        + day.to_request.count
        + day.to_order.count
        + day.receipts.count
        + day.to_sender.count
    )
    back = day.came_back.count + day.to_confirm.count
    rows = []
    if waiting:
        rows.append((_("Postal work to do"), str(waiting), reverse("postal:today")))
    for delivery in day.came_back.rows:
        rows.append(
            (
                delivery.dossier.code,
                _("came back from the post: %(why)s") % {"why": delivery.problem or "—"},
                reverse("dossiers:dossier", args=[delivery.dossier_id]),
            )
        )
    return TodaySection(
        key="postal",
        title=_("Post (BCCI)"),
        count=waiting + back,
        url=reverse("postal:today"),
        rows=rows,
    )

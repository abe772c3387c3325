"""The disclosure register's part of "Việc hôm nay": disclosures past their due day."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.panels import TodaySection, today_section
from disclosure import selectors
from disclosure.access import READERS
from org.access import active_roles_of, is_system_admin


@today_section(order=60)
def overdue_disclosures(request) -> TodaySection | None:
    user = request.user
    if not is_system_admin(user) and not active_roles_of(user, READERS):
        return None
    day = selectors.today()
    count, first = selectors.overdue_count_and_first(user, day=day)
    if not count:
        return None
    return TodaySection(
        key="cong-khai-qua-han",
        title=_("Overdue disclosures"),
        count=count,
        url=reverse("disclosure:staff-register") + "?trang_thai=overdue",
        rows=[
            (
                item.title,
                _("due %(day)s") % {"day": item.due_on.strftime("%d/%m/%Y")},
                reverse("disclosure:staff-item", args=[item.pk]),
            )
            for item in first
        ],
    )

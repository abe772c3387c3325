"""The inspection's part of "Việc hôm nay": follow-up actions past their deadline, shown to
the officer who owns them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.panels import TodaySection, today_section
from inspection import selectors


@today_section(order=70)
def overdue_follow_up_actions(request) -> TodaySection | None:
    if not request.user.is_authenticated:
        return None
    count, first = selectors.overdue_actions_of(request.user, day=selectors.today())
    if not count:
        return None
    return TodaySection(
        key="kiem-tra-qua-han",
        title=_("Inspection follow-up actions past their deadline"),
        count=count,
        url=reverse("inspection:list") + "?viec=cua-toi",
        rows=[
            (
                action.description,
                _("due %(day)s") % {"day": action.due_on.strftime("%d/%m/%Y")},
                reverse("inspection:detail", args=[action.inspection_id]) + f"#viec-{action.pk}",
            )
            for action in first
        ],
    )

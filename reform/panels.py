"""Reform plans' part of "Việc hôm nay": the overdue tasks the officer's units lead."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.panels import TodaySection, today_section
from org.access import active_roles_of, is_system_admin
from reform import selectors
from reform.access import READERS


@today_section(order=70)
def overdue_plan_tasks(request) -> TodaySection | None:
    user = request.user
    if not is_system_admin(user) and not active_roles_of(user, READERS):
        return None
    tasks = selectors.overdue_tasks(user, day=selectors.today())
    first = list(tasks[:5])
    if not first:
        return None
    count = len(first) if len(first) < 5 else tasks.count()
    return TodaySection(
        key="ke-hoach-qua-han",
        title=_("Overdue reform plan tasks"),
        count=count,
        url=reverse("reform:overdue"),
        rows=[
            (
                f"{task.plan.number} · {task.position}. {task.content[:80]}",
                _("%(unit)s, due %(day)s")
                % {"unit": task.lead_unit.name, "day": task.due_by.strftime("%d/%m/%Y")},
                reverse("reform:task", args=[task.plan_id, task.pk]),
            )
            for task in first
        ],
    )

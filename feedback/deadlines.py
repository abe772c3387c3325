"""A feedback item's deadline in words and colour: "còn 2 ngày làm việc", "quá hạn 3 ngày"."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.workdays import WorkingCalendar, to_vietnam_time
from feedback.workflow import DEADLINE_STATES, State


@dataclass(frozen=True)
class Deadline:
    text: str
    tone: str


def working_days_between(first, last, calendar: WorkingCalendar) -> int:
    """Working days after `first` up to and including `last` (0 when `last` <= `first`)."""
    count, day = 0, first
    while day < last:
        day = calendar.next_working_day(day)
        if day <= last:
            count += 1
    return count


def deadline_of(item, *, now: datetime, calendar: WorkingCalendar) -> Deadline | None:
    if item.due_at is None:
        return None
    due, local_now = to_vietnam_time(item.due_at), to_vietnam_time(now)
    forwarding = item.state == State.OUTSIDE
    if item.state not in DEADLINE_STATES:
        if item.answered_at is None:
            return None
        if item.answered_at <= item.due_at:
            return Deadline(_("answered on time"), "ok")
        return Deadline(_("answered late"), "danger")
    if now > item.due_at:
        days = working_days_between(due.date(), local_now.date(), calendar)
        if forwarding:
            return Deadline(_("forwarding overdue"), "danger")
        return Deadline(
            ngettext("%(count)d working day overdue", "%(count)d working days overdue", days)
            % {"count": days}
            if days
            else _("overdue"),
            "danger",
        )
    days = working_days_between(local_now.date(), due.date(), calendar)
    if days == 0:
        text = _("due today at %(time)s") % {"time": f"{due:%H:%M}"}
    else:
        text = ngettext("%(count)d working day left", "%(count)d working days left", days) % {
            "count": days
        }
    if forwarding:
        text = _("forward by %(date)s (%(left)s)") % {"date": f"{due:%d/%m/%Y}", "left": text}
    return Deadline(text, "warn" if days <= 1 else "info")

"""The day's work on an officer's start page: what is overdue, due today and due on the next
working day, and the online submissions waiting to be accepted with the working hours left
(Decree 118 art. 17.2: 8 working hours). Scoped through org.access like every dossier read;
a fixed number of queries whatever the number of dossiers."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.selectors import working_calendar
from core.workdays import VIETNAM
from dossiers.models import Applicant, Dossier
from dossiers.selectors import (
    CLOCK_RUNNING,
    PROMISED,
    QUEUE_ROW_FIELDS,
    STATE_TONE,
    deadline_of,
    dossiers_for_staff,
)
from dossiers.services import COUNTER_ROLES
from dossiers.workflow import State
from org.access import active_roles_of, is_system_admin
from org.models import Role
from postal.lifecycle import DeliveryState
from postal.models import Delivery

# The reason of the last delivery by post that failed or came back, if any (postal).
CAME_BACK = Subquery(
    Delivery.objects.filter(
        dossier=OuterRef("pk"), state__in=(DeliveryState.FAILED_ATTEMPT, DeliveryState.RETURNED)
    )
    .order_by("-id")
    .values("problem")[:1]
)
SHOWN = 15  # rows per list; the rest are one click away in the work queue
START_PAGE_ROLES = frozenset({Role.RECEIVING_OFFICER, Role.SPECIALIST})


@dataclass
class WorkList:
    key: str
    title: str
    queue: str  # the work queue (dossiers:queue ?hang=) listing all of them
    count: int = 0
    rows: list[Dossier] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class DayWork:
    today: date
    next_working_day: date
    lists: list[WorkList]


def has_start_page(user) -> bool:
    """Receiving officers and specialists start their day on this page."""
    return bool(active_roles_of(user, START_PAGE_ROLES))


def _conditions(user, *, now: datetime) -> dict[str, Q]:
    calendar = working_calendar()
    local_today = timezone.localtime(now, VIETNAM).date()
    end_today = datetime.combine(local_today, time.max, tzinfo=VIETNAM)
    next_day = calendar.next_working_day(local_today)
    end_next = datetime.combine(next_day, time.max, tzinfo=VIETNAM)
    running = Q(state__in=CLOCK_RUNNING)
    if not is_system_admin(user) and not active_roles_of(user, COUNTER_ROLES):
        # A specialist's own dossiers, and those nobody has taken yet.
        running &= Q(assignee=user) | Q(assignee__isnull=True)
    conditions = {
        "overdue": running & Q(promised__lt=now),
        "today": running & Q(promised__gte=now, promised__lte=end_today),
        "next": running & Q(promised__gt=end_today, promised__lte=end_next),
    }
    if is_system_admin(user) or active_roles_of(user, COUNTER_ROLES):
        conditions["online"] = Q(state=State.SUBMITTED)
        conditions["to_return"] = Q(state=State.RESULT_READY)
    return conditions


TITLES = {
    "overdue": (gettext_lazy("Overdue"), "qua-han"),
    "today": (gettext_lazy("Due today"), "sap-den-han"),
    "next": (gettext_lazy("Due on the next working day"), "sap-den-han"),
    "online": (gettext_lazy("Online submissions waiting to be accepted"), "cho-tiep-nhan"),
    "to_return": (gettext_lazy("Results ready to return"), "tra-ket-qua"),
}
ORDER = {
    "online": ("acceptance_due_at", "id"),
    "to_return": ("finished_at", "id"),
}


def day_work(user, *, now: datetime | None = None) -> DayWork:
    now = now or timezone.now()
    calendar = working_calendar()
    local_today = timezone.localtime(now, VIETNAM).date()
    scoped = dossiers_for_staff(user).annotate(promised=PROMISED)
    conditions = _conditions(user, now=now)
    counts = scoped.aggregate(**{key: Count("id", filter=q) for key, q in conditions.items()})
    applicants = Prefetch(
        "applicants",
        queryset=Applicant.objects.filter(is_primary=True).only(
            "dossier_id", "kind", "full_name", "organisation_name"
        ),
        to_attr="primary_applicants",
    )
    lists = []
    for key, condition in conditions.items():
        title, queue = TITLES[key]
        work = WorkList(key=key, title=title, queue=queue, count=counts[key])
        if work.count:
            rows = scoped.filter(condition)
            if key == "to_return":
                # A result the post brought back waits here with the post's reason: the
                # counter gives it back, or sends it again.
                rows = rows.annotate(came_back=CAME_BACK)
            rows = (
                rows.select_related("procedure_version", "competent_agency", "assignee")
                .only(*QUEUE_ROW_FIELDS)
                .prefetch_related(applicants)
                .order_by(*ORDER.get(key, ("promised", "id")))[:SHOWN]
            )
            work.rows = list(rows)
            for dossier in work.rows:
                # None: no delivery came back; "" or the reason: one did.
                dossier.post_came_back = getattr(dossier, "came_back", None) is not None
                primary = dossier.primary_applicants
                dossier.primary_applicant = primary[0] if primary else None
                dossier.state_tone = STATE_TONE.get(dossier.state, "info")
                dossier.deadline = deadline_of(dossier, now=now, calendar=calendar)
        lists.append(work)
    return DayWork(
        today=local_today, next_working_day=calendar.next_working_day(local_today), lists=lists
    )

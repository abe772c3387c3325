"""Reads for the officer workspace: the work queues with their counts, the dossier page and the
actions its reader may take. Every dossier read is scoped through org.access."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalog.models import Channel, ProcedureVersion
from catalog.search import filter_by_terms
from catalog.selectors import published_versions
from core.actors import as_actor
from core.paging import UncountedPage, uncounted_page
from core.selectors import working_calendar
from core.text import search_terms
from core.workdays import VIETNAM, Timeliness, WorkingCalendar, classify, working_minutes_between
from dossiers.models import Applicant, Dossier, DossierFile, ReturnMethod, StatusChange
from dossiers.workflow import ACTIVE_STATES, COUNTER_ROLES, Edge, State, allowed_edges
from org.access import is_postal_clerk_only, reference_agency_ids, roles_of, scope_to_user
from org.models import Agency, Role, User
from org.selectors import office_hours_for

PAGE_SIZE = 25
HANDLER_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})
WORKFLOW_ROLES = COUNTER_ROLES | HANDLER_ROLES
# States in which the legal clock runs and nobody outside the agency is being waited for.
CLOCK_RUNNING = (State.ACCEPTED, State.IN_PROGRESS, State.PROPOSED)
# Words first; the badge colour repeats them.
STATE_TONE = {
    State.SUBMITTED: "warn",
    State.SUPPLEMENT_REQUESTED: "warn",
    State.AWAITING_PAYMENT: "warn",
    State.RESULT_READY: "ok",
    State.RETURNED: "ok",
    State.REFUSED: "danger",
    State.STOPPED: "danger",
    State.WITHDRAWN: "danger",
}


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    roles: frozenset  # who works this queue; the others do not see it in their list


ALL = "tat-ca"  # every dossier, finished ones too: the only list without a count
QUEUES = [
    Queue(ALL, gettext_lazy("All dossiers"), frozenset()),
    Queue("cho-tiep-nhan", gettext_lazy("To accept"), COUNTER_ROLES),
    Queue("can-xu-ly", gettext_lazy("To process"), WORKFLOW_ROLES),
    Queue("cho-duyet", gettext_lazy("To approve"), frozenset({Role.LEADER})),
    Queue("tra-ket-qua", gettext_lazy("To return"), COUNTER_ROLES),
    Queue("cho-bo-sung", gettext_lazy("Supplement pending"), WORKFLOW_ROLES),
    Queue("sap-den-han", gettext_lazy("Due within one working day"), WORKFLOW_ROLES),
    Queue("qua-han", gettext_lazy("Overdue"), WORKFLOW_ROLES),
]
QUEUE_KEYS = [queue.key for queue in QUEUES]


@dataclass(frozen=True)
class QueueFilter:
    queue: str = ALL
    query: str = ""
    state: str = ""
    channel: str = ""


@dataclass
class QueuePage:
    queues: list[tuple[Queue, int | None]]  # the queues this user works, with their counts
    current: Queue
    page: Page | UncountedPage


@dataclass(frozen=True)
class Deadline:
    text: str
    tone: str  # ok / warn / danger / info: the badge colour repeating the words


def dossiers_for_staff(user) -> QuerySet[Dossier]:
    """Dossiers received, handled or returned at an agency `user` may see (R5); for the post
    office's clerk, only those that came or go back by post."""
    rows = scope_to_user(
        Dossier.objects.all(),
        user,
        agency_field="receiving_agency",
        or_fields=("handling_agency", "return_agency"),
    )
    if is_postal_clerk_only(user):
        rows = rows.filter(Q(channel=Channel.POSTAL) | Q(return_method=ReturnMethod.POST))
    return rows


# The date promised last: the new date after an apology, else the legal due date. Queues filter
# on this one annotation rather than on an OR of both columns at every use.
PROMISED = Coalesce("extended_due_at", "due_at")


def soon_limit(now: datetime, calendar: WorkingCalendar) -> datetime:
    """End of the next working day: a dossier due by then needs its apology letter today
    (Decree 118 art. 19.6: at least one working day before the due date)."""
    today = timezone.localtime(now, VIETNAM).date()
    return datetime.combine(calendar.next_working_day(today), time.max, tzinfo=VIETNAM)


def queue_conditions(*, user, now: datetime, calendar: WorkingCalendar) -> dict[str, Q]:
    """What puts a dossier in each queue, on rows annotated with `promised` (PROMISED)."""
    running = Q(state__in=CLOCK_RUNNING)
    return {
        ALL: Q(),
        "cho-tiep-nhan": Q(state=State.SUBMITTED),
        "can-xu-ly": Q(state__in=(State.ACCEPTED, State.IN_PROGRESS))
        & (Q(assignee=user) | Q(assignee__isnull=True)),
        "cho-duyet": Q(state=State.PROPOSED),
        "tra-ket-qua": Q(state=State.RESULT_READY),
        "cho-bo-sung": Q(state=State.SUPPLEMENT_REQUESTED),
        "sap-den-han": running & Q(promised__gte=now, promised__lt=soon_limit(now, calendar)),
        "qua-han": (running & Q(promised__lt=now))
        | Q(state=State.SUBMITTED, acceptance_due_at__lt=now),
    }


def queues_for(user) -> list[Queue]:
    """The queues of the user's roles; people without a workflow role (inspectors,
    administrators) see them all, read-only."""
    held = {staff_role.role for staff_role in roles_of(user)} & WORKFLOW_ROLES
    if not held:
        return list(QUEUES)
    return [queue for queue in QUEUES if not queue.roles or queue.roles & held]


def dossiers_matching(dossiers: QuerySet[Dossier], query: str) -> QuerySet[Dossier]:
    """By code, by ID number, or by the applicant's name without diacritics.

    The applicant tests are EXISTS subqueries on the dossier's own applicants, so the database
    checks only the dossiers in the user's scope (newest first, stopping at a full page)
    rather than matching the name against every applicant of the province first."""
    text = query.strip()
    condition = Q(code__icontains=text)
    own = Applicant.objects.filter(dossier=OuterRef("pk"))
    digits = "".join(ch for ch in text if not ch.isspace() and ch != ".")
    if digits.isdigit():
        condition |= Exists(own.filter(id_number__startswith=digits))
    terms = search_terms(text)
    if terms:
        names = own
        for term in terms:
            names = names.filter(search_name__contains=term)
        condition |= Exists(names)
    return dossiers.filter(condition)


# What a queue row shows and its deadline needs: loading whole rows (the e-form data, the
# procedure version's texts) for 25 lines costs more than the page's queries.
QUEUE_ROW_FIELDS = (
    "code",
    "state",
    "channel",
    "received_at",
    "acceptance_due_at",
    "due_at",
    "extended_due_at",
    "finished_at",
    "procedure_version__name",
    "competent_agency__opens_at",
    "competent_agency__closes_at",
    "competent_agency__same_day_cutoff",
    "assignee__full_name",
    "assignee__username",
)


def _primary_applicant() -> Prefetch:
    return Prefetch(
        "applicants",
        queryset=Applicant.objects.filter(is_primary=True).only(
            "dossier_id", "kind", "full_name", "organisation_name"
        ),
        to_attr="primary_applicants",
    )


def queue_page(
    user, *, criteria: QueueFilter, page_number, now: datetime | None = None
) -> QueuePage:
    """One page of a work queue, the counts of every queue the user works (one query) and each
    row's deadline. The number of queries does not depend on the number of rows.

    Every queue but "all dossiers" lists active dossiers only, so its count and its page read
    the partial indexes on active states (a commune's few hundred open dossiers, not its years
    of finished ones). "All dossiers" is paged without a total for the same reason."""
    now = now or timezone.now()
    calendar = working_calendar()
    queues = queues_for(user)
    current = next((q for q in queues if q.key == criteria.queue), queues[0])
    scoped = dossiers_for_staff(user).annotate(promised=PROMISED)
    active = scoped.filter(state__in=ACTIVE_STATES)
    every = queue_conditions(user=user, now=now, calendar=calendar)
    conditions = {q.key: every[q.key] for q in queues if q.key != ALL}
    counts = active.aggregate(
        **{key.replace("-", "_"): Count("id", filter=cond) for key, cond in conditions.items()}
    )
    rows = scoped if current.key == ALL else active.filter(conditions[current.key])
    if criteria.state:
        rows = rows.filter(state=criteria.state)
    if criteria.channel:
        rows = rows.filter(channel=criteria.channel)
    if criteria.query:
        rows = dossiers_matching(rows, criteria.query)
    if current.key == "cho-tiep-nhan":
        rows = rows.order_by("acceptance_due_at", "id")
    elif current.key in ("sap-den-han", "qua-han"):
        rows = rows.order_by(Coalesce("extended_due_at", "due_at", "acceptance_due_at"), "id")
    elif criteria.query:
        # Newest first, by a column without an index: with "-id" PostgreSQL walks the primary
        # key backwards through every dossier of the province when few match the search; this
        # way it takes the scope's indexes, keeps the matches and sorts those.
        rows = rows.order_by("-created_at", "-id")
    else:
        rows = rows.order_by("-id")
    rows = (
        rows.select_related("procedure_version", "competent_agency", "assignee")
        .only(*QUEUE_ROW_FIELDS)
        .prefetch_related(_primary_applicant())
    )
    if current.key == ALL:
        page = uncounted_page(rows, number=page_number, per_page=PAGE_SIZE)
    else:
        paginator = Paginator(rows, PAGE_SIZE)
        if not (criteria.state or criteria.channel or criteria.query):
            paginator.count = counts[current.key.replace("-", "_")]  # counted above already
        page = paginator.get_page(page_number)
    for dossier in page.object_list:
        _decorate(dossier, now=now, calendar=calendar)
    return QueuePage(
        queues=[(q, counts.get(q.key.replace("-", "_"))) for q in queues],
        current=current,
        page=page,
    )


def _decorate(dossier: Dossier, *, now: datetime, calendar: WorkingCalendar) -> None:
    primary = getattr(dossier, "primary_applicants", None)
    dossier.primary_applicant = primary[0] if primary else None
    dossier.state_tone = STATE_TONE.get(dossier.state, "info")
    # The enum's label: `get_state_display` rebuilds and hashes every choice on each call.
    dossier.state_label = State(dossier.state).label
    dossier.deadline = deadline_of(dossier, now=now, calendar=calendar)


# --- Deadlines as words (DESIGN.md: "còn 2 ngày làm việc", "quá hạn 3 ngày") ---------------


def _working_days_between(first, last, calendar: WorkingCalendar) -> int:
    """Working days d with first < d <= last."""
    count, day = 0, first
    while day < last:
        day = calendar.next_working_day(day)
        if day <= last:
            count += 1
    return count


def deadline_of(dossier: Dossier, *, now: datetime, calendar: WorkingCalendar) -> Deadline | None:
    hours = office_hours_for(dossier.competent_agency)
    local_now = timezone.localtime(now, VIETNAM)
    if dossier.state == State.SUBMITTED and dossier.acceptance_due_at:
        limit = dossier.acceptance_due_at
        if now >= limit:
            return Deadline(_("acceptance overdue (8 working hours)"), "danger")
        left = working_minutes_between(now, limit, calendar=calendar, hours=hours)
        text = _("%(hours)d h %(minutes)02d left to accept") % {
            "hours": left // 60,
            "minutes": left % 60,
        }
        return Deadline(text, "warn" if left <= 120 else "info")
    due = dossier.effective_due_at
    if due is None:
        return None
    if dossier.state == State.SUPPLEMENT_REQUESTED:
        return Deadline(_("waiting for the supplement"), "info")
    if dossier.state == State.AWAITING_PAYMENT:
        return Deadline(_("waiting for payment, clock paused"), "info")
    if dossier.finished_at is not None:
        timeliness = classify(due=due, finished_at=dossier.finished_at, now=now)
        return Deadline(timeliness.label, "danger" if timeliness == Timeliness.LATE else "ok")
    local_due = timezone.localtime(due, VIETNAM)
    if now <= due:
        days = _working_days_between(local_now.date(), local_due.date(), calendar)
        if days == 0:
            text = _("due today at %(time)s") % {"time": f"{local_due:%H:%M}"}
        else:
            text = ngettext("%(count)d working day left", "%(count)d working days left", days) % {
                "count": days
            }
        return Deadline(text, "warn" if due <= soon_limit(now, calendar) else "ok")
    days = _working_days_between(local_due.date(), local_now.date(), calendar)
    if days == 0:
        text = _("overdue since %(time)s today") % {"time": f"{local_due:%H:%M}"}
    else:
        text = ngettext("%(count)d working day overdue", "%(count)d working days overdue", days) % {
            "count": days
        }
    return Deadline(text, "danger")


# --- The dossier page ----------------------------------------------------------------------


def dossier_for_staff(user, *, pk: int) -> Dossier:
    """The dossier with everything its page shows, or 404 when `user` may not see it (R5)."""
    history = StatusChange.objects.select_related(
        "actor", "actor_agency", "handed_to", "handed_to_agency"
    )
    dossier = (
        dossiers_for_staff(user)
        .filter(pk=pk)
        .select_related(
            "procedure_version__procedure",
            "receiving_agency",
            "competent_agency",
            "assisted_by",
            "handling_agency",
            "return_agency",
            "assignee",
        )
        .prefetch_related(
            "applicants",
            Prefetch("documents__files", queryset=DossierFile.objects.order_by("id")),
            "fees",
            Prefetch("history", queryset=history),
        )
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


def actions_for(actor, dossier: Dossier, *, now: datetime | None = None) -> list[Edge]:
    """The workflow actions `actor` (an `Actor`, or a logged-in user: a member of staff) may
    take on `dossier` now: exactly those `dossiers.services.dossier_transition` accepts, by the
    same table, roles and guards (dossiers.workflow.refusal)."""
    return allowed_edges(dossier, as_actor(actor), now=now or timezone.now())


def assignee_choices(dossier: Dossier) -> QuerySet[User]:
    """Specialists and leaders who may process the dossier: a role in the handling agency or
    in an agency above it (the rule dossiers.services checks)."""
    ids, parent = {dossier.handling_agency_id}, dossier.handling_agency.parent_id
    while parent is not None and parent not in ids:
        ids.add(parent)
        parent = Agency.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    return (
        User.objects.filter(is_active=True, roles__role__in=HANDLER_ROLES, roles__agency_id__in=ids)
        .distinct()
        .order_by("full_name", "username")
    )


def transfer_choices(dossier: Dossier) -> QuerySet[Agency]:
    """Agencies a dossier can move to for the next step (liên thông)."""
    return Agency.objects.filter(is_active=True).exclude(pk=dossier.handling_agency_id)


# --- Reception -----------------------------------------------------------------------------


def helpers_on_duty(*, agencies: list[Agency], day) -> list[User]:
    """Staff accounts on the duty roster (counter.DutyShift) of `agencies` on `day`: the
    volunteers who may fill a declaration for a citizen. Read through the reverse relation, so
    dossiers does not import counter (ARCHITECTURE.md: counter depends on dossiers)."""
    return list(
        User.objects.filter(duty_shifts__agency__in=agencies, duty_shifts__day=day, is_active=True)
        .distinct()
        .order_by("full_name", "id")
    )


def receiving_agencies_of(user) -> list[Agency]:
    """The counters where `user` receives dossiers (a receiving officer role there)."""
    return [
        staff_role.agency
        for staff_role in roles_of(user)
        if staff_role.role == Role.RECEIVING_OFFICER and staff_role.agency.is_active
    ]


def receivable_versions(user, *, query: str = "") -> QuerySet[ProcedureVersion]:
    """Published procedures handled by the user's agencies or the agencies above them (the
    commune committee decides what its centre receives)."""
    versions = published_versions().filter(
        pk__in=published_versions()
        .filter(procedure__agencies__in=reference_agency_ids(user))
        .values("pk")
    )
    if query:
        versions = filter_by_terms(versions, query)
    return versions.order_by("field__name", "name")


def receivable_version(user, *, pk) -> ProcedureVersion:
    version = (
        receivable_versions(user)
        .filter(pk=pk)
        .prefetch_related("documents", "form_fields", "fees", "channels")
        .first()
    )
    if version is None:
        raise Http404
    return version


def competent_agencies(user, version: ProcedureVersion) -> list[Agency]:
    """The agencies of the procedure the user's counter works for, the one whose kind the
    catalogue names first."""
    agencies = list(
        version.procedure.agencies.filter(is_active=True, pk__in=reference_agency_ids(user))
    )
    return sorted(agencies, key=lambda a: (a.kind != version.competent_agency_kind, a.code))

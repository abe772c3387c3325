"""Reads for feedback: staff queues scoped by agency (org.access), the public follow-up and the
published answers, the panel on a dossier page and the on-time rate."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.http import Http404

from core.text import search_terms
from core.workdays import VIETNAM
from feedback import rules
from feedback.models import FeedbackItem
from feedback.workflow import ACTIVE_STATES, DEADLINE_STATES, State
from org.access import scope_to_user
from org.models import Agency, AgencyKind


def items_for_staff(user) -> QuerySet[FeedbackItem]:
    """What `user` may see: items of their agencies, and those their counter registered."""
    rows = scope_to_user(FeedbackItem.objects.all(), user, or_fields=("intake_agency",))
    return rows.select_related("agency", "assignee")


CENTRE_KINDS = (AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE)


def intake_point(agency: Agency) -> Agency:
    """The counter that registers feedback for `agency`: its own public administrative service
    centre (the one-stop shop) when it has an active one, else the agency itself."""
    if agency.kind in CENTRE_KINDS:
        return agency
    centre = (
        Agency.objects.filter(parent=agency, kind__in=CENTRE_KINDS, is_active=True)
        .order_by("pk")
        .first()
    )
    return centre or agency


def item_for_staff(user, *, pk: int) -> FeedbackItem:
    """One item the user may see; another agency's is a 404, like a missing one (R5)."""
    try:
        return (
            items_for_staff(user)
            .select_related("procedure_version__procedure", "dossier")
            .get(pk=pk)
        )
    except FeedbackItem.DoesNotExist as missing:
        raise Http404 from missing


def queue_for_staff(user, *, view: str, now: datetime, query: str = "") -> QuerySet[FeedbackItem]:
    """A work queue: "open" (everything not finished, soonest deadline first), "overdue",
    "mine" (assigned to the user and not answered) or "all" (newest first)."""
    rows = items_for_staff(user)
    if query:
        code = rules.normalise_code(query)
        rows = rows.filter(Q(code=code) | Q(subject__icontains=query.strip()[:100]))
    if view == "all":
        return rows.order_by("-received_at", "-id")
    if view == "overdue":
        rows = overdue(rows, now=now)
    elif view == "mine":
        rows = rows.filter(assignee=user, state=State.IN_HANDLING)
    else:
        rows = rows.filter(state__in=ACTIVE_STATES)
    return rows.order_by(F("due_at").asc(nulls_last=True), "received_at", "id")


def overdue(rows: QuerySet[FeedbackItem], *, now: datetime) -> QuerySet[FeedbackItem]:
    """Items past the deadline of the step they are in (forwarding or answering)."""
    return rows.filter(state__in=sorted(DEADLINE_STATES), due_at__lt=now)


def item_for_lookup(code: str) -> FeedbackItem | None:
    if not rules.is_plausible_code(code):
        return None
    return FeedbackItem.objects.select_related("agency").filter(code=code).first()


def published_answers(
    *, query: str = "", field_id: int | None = None, procedure_id: int | None = None
) -> QuerySet[FeedbackItem]:
    rows = FeedbackItem.objects.filter(state=State.PUBLISHED).select_related(
        "agency", "field", "procedure_version"
    )
    for term in search_terms(query):
        rows = rows.filter(public_search_text__contains=term)
    if field_id:
        rows = rows.filter(field_id=field_id)
    if procedure_id:
        rows = rows.filter(procedure_version__procedure_id=procedure_id)
    return rows.order_by("-published_at", "-id")


def published_answer(pk: int) -> FeedbackItem:
    try:
        return published_answers().get(pk=pk)
    except FeedbackItem.DoesNotExist as missing:
        raise Http404 from missing


def items_about_dossier(dossier) -> list[FeedbackItem]:
    return list(FeedbackItem.objects.filter(dossier=dossier).order_by("-received_at")[:20])


@dataclass(frozen=True)
class AgencyRate:
    agency: Agency
    rate: rules.OnTimeRate


def on_time_by_agency(user, *, start, end, now: datetime) -> list[AgencyRate]:
    """Per agency the user sees: the items within competence whose answer fell due between
    `start` and `end` (dates, Vietnam time), answered on time or not. One query."""
    begin = datetime.combine(start, datetime.min.time(), tzinfo=VIETNAM)
    finish = datetime.combine(end, datetime.min.time(), tzinfo=VIETNAM)
    rows = (
        scope_to_user(FeedbackItem.objects.all(), user, or_fields=("intake_agency",))
        .filter(
            state__in=[State.ACCEPTED, State.IN_HANDLING, State.ANSWERED, State.PUBLISHED],
            due_at__gte=begin,
            due_at__lt=finish,
        )
        .select_related("agency")
        .only("agency", "due_at", "answered_at")
    )
    by_agency: dict[int, tuple[Agency, list]] = {}
    for item in rows:
        by_agency.setdefault(item.agency_id, (item.agency, []))[1].append(
            (item.due_at, item.answered_at)
        )
    return sorted(
        (
            AgencyRate(agency, rules.on_time_rate(pairs, now=now))
            for agency, pairs in by_agency.values()
        ),
        key=lambda row: row.agency.name,
    )

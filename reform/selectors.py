"""Reads of reform plans, scoped to the user (R5): lists, one plan with its tasks, the lead
units' overdue queues, the quarter's figures and the tasks mapped to each PAPI dimension."""

from collections import Counter
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from core.workdays import WorkingCalendar
from org.access import is_system_admin, visible_agency_ids
from reform import access
from reform.models import Evidence, Plan, ProgressReport, QuarterlyReview, Task
from reform.rules import (
    OPEN_STATUSES,
    STATE_BADGES,
    TaskState,
    quarter_last_day,
    task_state,
    working_days_late,
)


def today() -> date:
    return timezone.localdate()


def plans_for(user, *, year: int | None = None) -> QuerySet[Plan]:
    plans = access.scope(Plan.objects.select_related("agency"), user)
    if year:
        plans = plans.filter(year=year)
    return plans


def plan_for(user, pk: int) -> Plan:
    """One plan the user may read; 404 otherwise (another commune's plan does not exist)."""
    try:
        return plans_for(user).get(pk=pk)
    except Plan.DoesNotExist as missing:
        raise Http404 from missing


def task_for(user, plan: Plan, task_pk: int) -> Task:
    try:
        return plan.tasks.select_related("lead_unit", "plan").get(pk=task_pk)
    except Task.DoesNotExist as missing:
        raise Http404 from missing


def evidence_for(user, plan: Plan, task: Task, evidence_pk: int) -> Evidence:
    try:
        return Evidence.objects.get(pk=evidence_pk, report__task=task, report__task__plan=plan)
    except Evidence.DoesNotExist as missing:
        raise Http404 from missing


def plan_tasks(plan: Plan) -> list[Task]:
    """The plan's tasks in order with their units. Three queries whatever their number."""
    return list(plan.tasks.select_related("lead_unit").prefetch_related("coordinating_units"))


def with_state(tasks, *, day: date, calendar: WorkingCalendar):
    """Put each task's state, badge and delay on it, for the tables."""
    for task in tasks:
        state = task_state(status=task.status, due=task.due_by, today=day, calendar=calendar)
        task.state, task.state_label, task.state_badge = state, state.label, STATE_BADGES[state]
        done_late = task.completed_on and task.due_by and task.completed_on > task.due_by
        if state == TaskState.DONE and done_late:
            task.state_label, task.state_badge = gettext("done late"), "warn"
        task.days_late = (
            working_days_late(due=task.due_by, today=day, calendar=calendar)
            if state == TaskState.OVERDUE
            else 0
        )
    return tasks


def put_task_counts(plans: list[Plan], *, day: date, calendar: WorkingCalendar) -> None:
    """Each plan's number of tasks, done and overdue, for the list. One query."""
    counts: dict[int, Counter] = {plan.pk: Counter() for plan in plans}
    for plan_id, status, due_by in Task.objects.filter(plan__in=plans).values_list(
        "plan_id", "status", "due_by"
    ):
        state = task_state(status=status, due=due_by, today=day, calendar=calendar)
        counts[plan_id]["total"] += 1
        counts[plan_id][state.value] += 1
    for plan in plans:
        plan.task_count = counts[plan.pk]["total"]
        plan.done_count = counts[plan.pk][TaskState.DONE.value]
        plan.overdue_count = counts[plan.pk][TaskState.OVERDUE.value]


def task_reports(task: Task) -> list[ProgressReport]:
    return list(
        task.reports.select_related("reported_by").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
        )
    )


def overdue_tasks(user, *, day: date) -> QuerySet[Task]:
    """Open tasks past their due day that the user's units lead (their agencies and those below):
    the lead unit's queue. A plan of another commune never appears."""
    tasks = Task.objects.filter(status__in=OPEN_STATUSES, due_by__lt=day)
    if not is_system_admin(user):
        tasks = tasks.filter(lead_unit_id__in=visible_agency_ids(user))
    return tasks.select_related("plan", "lead_unit").order_by("due_by", "plan_id", "position")


def quarter_counts(plan: Plan, *, quarter: int, calendar: WorkingCalendar) -> dict[str, int]:
    """How the tasks stood at the end of `quarter`: for the review's minutes."""
    day = min(quarter_last_day(plan.year, quarter), today())
    counts = Counter(
        task_state(status=t.status, due=t.due_by, today=day, calendar=calendar).value
        for t in plan.tasks.only("status", "due_by")
    )
    counts["total"] = sum(counts.values())
    return dict(counts)


def plan_reviews(plan: Plan) -> list[QuarterlyReview]:
    return list(plan.reviews.select_related("recorded_by"))


def tasks_by_papi_dimension(agency_ids, *, year: int) -> dict[int, list[Task]]:
    """Tasks of the agencies' plans of `year`, by the PAPI dimension they serve (reports' PAPI
    page). One query."""
    mapped: dict[int, list[Task]] = {}
    tasks = (
        Task.objects.filter(
            plan__agency_id__in=agency_ids, plan__year=year, papi_dimension__isnull=False
        )
        .select_related("plan", "lead_unit")
        .order_by("plan_id", "position")
    )
    for task in tasks:
        mapped.setdefault(task.papi_dimension, []).append(task)
    return mapped


def tasks_by_par_field(agency_ids, *, year: int) -> dict[int, list[Task]]:
    """The same by PAR INDEX field, as evidence beside the self-assessment."""
    mapped: dict[int, list[Task]] = {}
    tasks = (
        Task.objects.filter(
            plan__agency_id__in=agency_ids, plan__year=year, par_field__isnull=False
        )
        .select_related("plan")
        .order_by("plan_id", "position")
    )
    for task in tasks:
        mapped.setdefault(task.par_field, []).append(task)
    return mapped

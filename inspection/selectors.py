"""Reads for the inspection pages, scoped by inspection.access (R5: another commune's
inspections are 404, never 403, so their existence does not leak)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.workdays import VIETNAM
from inspection import access
from inspection.models import FollowUpAction, Inspection
from org.access import NO_DOSSIER_ROLES, agency_and_below
from org.models import Agency, StaffRole


def today() -> date:
    return timezone.localtime(timezone.now(), VIETNAM).date()


def inspections_for(user) -> QuerySet[Inspection]:
    return (
        access.readable(Inspection.objects.all(), user)
        .select_related("agency", "checklist")
        .annotate(
            not_met=Count("findings", filter=Q(findings__result="not_met"), distinct=True),
            open_actions=Count("actions", filter=Q(actions__done_on__isnull=True), distinct=True),
        )
        .order_by("-inspected_on", "-id")
    )


def inspection_for(user, pk: int) -> Inspection:
    found = (
        access.readable(Inspection.objects.all(), user)
        .select_related("agency", "agency__parent", "agency__unit", "checklist", "created_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def inspectable_agencies(user) -> QuerySet[Agency]:
    return Agency.objects.filter(
        is_active=True, id__in=access.inspectable_agency_ids(user)
    ).order_by("name")


def officers_of(agency: Agency) -> QuerySet:
    """The staff of the inspected unit and of the agency directly above it (a commune
    committee's leader answers for its centre): who may own an action or get an outcome."""
    ids = set(agency_and_below([agency]))
    if agency.parent_id:
        ids.add(agency.parent_id)
    # A volunteer or a hamlet data officer could not open the inspection to report an action.
    users = (
        StaffRole.objects.filter(agency__in=ids, agency__is_active=True)
        .exclude(role__in=NO_DOSSIER_ROLES)
        .values("user")
    )
    return get_user_model().objects.filter(pk__in=users, is_active=True).order_by("full_name")


def overdue_actions_of(user, *, day: date, limit: int = 5):
    rows = FollowUpAction.objects.filter(owner=user, done_on__isnull=True, due_on__lt=day)
    return rows.count(), list(rows.select_related("inspection").order_by("due_on", "id")[:limit])

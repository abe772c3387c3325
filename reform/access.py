"""Who may read and write reform plans (R5), on top of org.access.

A plan is the commune's own work programme, not personal data: every staff member of the
issuing agency and of the units under it reads it (a centre's officer leads tasks of the
committee's plan), and so does the inspection team; commune civil servants, leaders and agency
administrators of the issuing agency write it. A lead unit's staff report progress on its tasks.
Another commune sees none of it (404).
"""

from django.db.models import QuerySet

from org.access import holds_role_over, is_system_admin, reference_agency_ids
from org.models import Role

WRITERS = (Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN)
READERS = (Role.RECEIVING_OFFICER, Role.POSTAL_CLERK, Role.INSPECTOR, *WRITERS)
# Who reports progress for the lead unit: its staff, except the read-only inspection team.
REPORTERS = (Role.RECEIVING_OFFICER, *WRITERS)


def readable_agency_ids(user) -> frozenset[int]:
    """The agencies whose plans `user` reads: theirs, those below, and those above (a higher
    plan the commune's own implements). A hamlet officer or volunteer reads none."""
    return reference_agency_ids(user)


def scope(queryset: QuerySet, user, *, agency_field: str = "agency") -> QuerySet:
    if is_system_admin(user):
        return queryset
    return queryset.filter(**{f"{agency_field}__in": readable_agency_ids(user)})


def can_write(user, plan) -> bool:
    return is_system_admin(user) or holds_role_over(user, WRITERS, [plan.agency_id])


def can_report(user, task) -> bool:
    """The plan's writers, and the lead unit's staff (or those of the agency above it)."""
    return can_write(user, task.plan) or holds_role_over(user, REPORTERS, [task.lead_unit_id])

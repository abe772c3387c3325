"""Who reads and writes inspections (R5), on top of org.access.

The inspection team (the inspector role) writes the inspections of the agencies it inspects
and below them; it reads dossiers read-only as before (dossiers' own pages). Leaders and agency
administrators read their units' inspections. The owner of a follow-up action reads the
inspection that gave it and reports it done. A hamlet's data officer and a volunteer read none.
"""

from django.db.models import Q, QuerySet

from org.access import agency_ids_with_role, is_system_admin
from org.models import Role

TEAM = (Role.INSPECTOR,)
READERS = (Role.INSPECTOR, Role.LEADER, Role.AGENCY_ADMIN)


def inspectable_agency_ids(user) -> frozenset[int]:
    return agency_ids_with_role(user, TEAM)


def readable(queryset: QuerySet, user) -> QuerySet:
    if is_system_admin(user):
        return queryset
    return queryset.filter(
        Q(agency__in=agency_ids_with_role(user, READERS)) | Q(actions__owner=user)
    ).distinct()


def can_write(user, inspection) -> bool:
    return is_system_admin(user) or inspection.agency_id in inspectable_agency_ids(user)

"""Who may read and write the disclosure register (R5), on top of org.access.

Commune civil servants (specialists), leaders and agency administrators write and publish their
agencies' disclosures; a hamlet's data officer prepares the items of their own hamlets (lists,
postings at the hamlet office) and never publishes; every other staff role reads.
"""

from django.db.models import QuerySet

from org.access import (
    agency_ids_with_role,
    holds_role_over,
    is_system_admin,
    reference_agency_ids,
)
from org.models import Role

PUBLISHERS = (Role.SPECIALIST, Role.LEADER, Role.AGENCY_ADMIN)
WRITERS = (*PUBLISHERS, Role.HAMLET_OFFICER)
READERS = (
    Role.RECEIVING_OFFICER,
    Role.POSTAL_CLERK,
    Role.INSPECTOR,
    *WRITERS,
)


def readable_agency_ids(user) -> frozenset[int]:
    """The registers a staff member reads: those of their agencies and of the agencies above
    (a counter officer of the commune centre reads the commune committee's, as with the
    catalogue); a hamlet data officer's role opens no dossiers (org.access), but it opens the
    register of the commune it sits in."""
    return reference_agency_ids(user) | agency_ids_with_role(user, {Role.HAMLET_OFFICER})


def scope(queryset: QuerySet, user, *, agency_field: str = "agency") -> QuerySet:
    if is_system_admin(user):
        return queryset
    return queryset.filter(**{f"{agency_field}__in": readable_agency_ids(user)})


def writable_agency_ids(user) -> frozenset[int]:
    return agency_ids_with_role(user, WRITERS)


def can_publish(user, item) -> bool:
    return is_system_admin(user) or holds_role_over(user, PUBLISHERS, [item.agency_id])


def can_write(user, item) -> bool:
    """Publishers write every item of their agencies; a hamlet data officer only the items of
    the hamlets they are named for, and only before they are published."""
    if can_publish(user, item):
        return True
    if not holds_role_over(user, {Role.HAMLET_OFFICER}, [item.agency_id]):
        return False
    return (
        item.hamlet_id is not None
        and item.status == "draft"
        and item.hamlet.data_officers.filter(pk=user.pk).exists()
    )


def is_hamlet_officer_only(user) -> bool:
    return not is_system_admin(user) and not agency_ids_with_role(user, PUBLISHERS)

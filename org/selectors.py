"""Reads for the organisation pages. Every staff read is scoped through org.access."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from core.models import AuditEvent
from core.text import fold
from core.workdays import OfficeHours
from org.access import (
    is_system_admin,
    manageable_agency_ids,
    roles_of,
    scope_to_user,
    visible_agency_ids,
)
from org.models import AdministrativeUnit, Agency, AgencyKind, Role, StaffRole, User


def office_hours_for(agency: Agency | None) -> OfficeHours:
    if agency is None:
        return OfficeHours()
    return OfficeHours(
        opens=agency.opens_at, closes=agency.closes_at, same_day_cutoff=agency.same_day_cutoff
    )


def agency_list_public() -> QuerySet[Agency]:
    """Agencies shown on the public home page: the one-stop counters that receive citizens."""
    counters = [AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE]
    return (
        Agency.objects.filter(is_active=True, kind__in=counters)
        .select_related("unit")
        .order_by("unit__level", "unit__name")
    )


def agency_list_for(user) -> QuerySet[Agency]:
    return scope_to_user(
        Agency.objects.select_related("unit", "parent"), user, agency_field="self"
    ).order_by("code")


def agency_get_for(user, *, code: str) -> Agency:
    """The agency with `code` if `user` may see it; 404 otherwise, so existence does not leak."""
    agency = agency_list_for(user).filter(code=code).first()
    if agency is None:
        raise Http404
    return agency


def staff_of_agency(agency: Agency) -> QuerySet[StaffRole]:
    return (
        StaffRole.objects.filter(agency=agency)
        .select_related("user")
        .order_by("role", "user__username")
    )


def can_see_audit(user) -> bool:
    if is_system_admin(user):
        return True
    return any(held.role in (Role.AGENCY_ADMIN, Role.INSPECTOR) for held in roles_of(user))


def audit_events_for(user, *, action: str = "", on: date | None = None) -> QuerySet[AuditEvent]:
    """Audit rows of the agencies `user` may see; rows tied to no agency: system admins only."""
    events = AuditEvent.objects.order_by("-id")
    if not is_system_admin(user):
        codes = Agency.objects.filter(id__in=visible_agency_ids(user)).values_list(
            "code", flat=True
        )
        events = events.filter(agency_code__in=list(codes))
    if action:
        events = events.filter(action=action)
    if on:
        events = events.filter(at__date=on)
    return events


@dataclass(frozen=True)
class UnitRenaming:
    old_name: str
    current_name: str


def _bare_unit_name(name: str) -> str:
    # Admins may mark a replaced unit "Phường Hàng Trống (cũ)"; the card prints it without.
    return fold(re.sub(r"\([^)]*\)", " ", name))


def unit_renaming_in(address: str) -> UnitRenaming | None:
    """The current unit replacing a pre-2025 commune the address names, if an administrator
    linked them (AdministrativeUnit.predecessors). None when the address names no replaced
    unit, or one replaced by several: then nobody should guess."""
    parts = {fold(part) for part in address.split(",") if part.strip()}
    if not parts:
        return None
    replaced = AdministrativeUnit.objects.filter(successors__isnull=False).distinct()
    for old in replaced.only("id", "name"):
        if _bare_unit_name(old.name) not in parts:
            continue
        current = [unit for unit in old.successors.all() if unit.effective_to is None]
        if len(current) == 1:
            return UnitRenaming(old_name=old.name, current_name=current[0].name)
    return None


def manageable_agencies(user) -> QuerySet[Agency]:
    """Active agencies `user` administers (their own and those below), for role choices."""
    return Agency.objects.filter(id__in=manageable_agency_ids(user), is_active=True).order_by(
        "code"
    )


def agency_get_to_manage(user, *, code: str) -> Agency:
    """The agency with `code` for its administrator: 404 when `user` cannot see it, 403 when
    they see it without administering it."""
    agency = agency_get_for(user, code=code)
    if agency.pk not in manageable_agency_ids(user):
        raise PermissionDenied
    return agency


def _staff_with_roles() -> QuerySet[User]:
    roles = StaffRole.objects.select_related("agency").order_by("agency__code", "role")
    return User.objects.prefetch_related(Prefetch("roles", queryset=roles))


def staff_list_for(user, *, query: str = "") -> QuerySet[User]:
    """Staff holding a role in an agency `user` administers; one query for the users and one
    for their roles, whatever their number."""
    ids = manageable_agency_ids(user)
    staff = _staff_with_roles().filter(
        id__in=StaffRole.objects.filter(agency_id__in=ids).values("user_id")
    )
    if query:
        staff = staff.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    return staff.order_by("-is_active", "username")


def staff_get_for(user, *, pk: int) -> User:
    """A staff member of the agencies `user` administers; 404 for anyone else."""
    member = staff_list_for(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member

"""The one place that decides what a staff member may see (R5).

Every staff query goes through `scope_to_user`: a role in an agency lets its holder see that
agency and the agencies below it in the tree; a system administrator sees everything; anyone
else sees nothing. Pages that list or show agency data never filter by hand.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from org.models import Agency, Role, StaffRole

_CACHE_ATTR = "_motcua_visible_agency_ids"
_ROLES_ATTR = "_motcua_roles"


def is_system_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_of(user) -> list[StaffRole]:
    """The roles `user` holds, with their agencies. Loaded once and kept on the user object,
    which lives for one request: the middleware, the view and the menu all ask."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, _ROLES_ATTR, None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user).select_related("agency"))
        setattr(user, _ROLES_ATTR, cached)
    return cached


def active_roles_of(user, roles: Iterable[str] = ()) -> list[StaffRole]:
    """The user's roles in active agencies, only those among `roles` when given."""
    wanted = set(roles)
    return [
        held
        for held in roles_of(user)
        if held.agency.is_active and (not wanted or held.role in wanted)
    ]


def needs_mfa(user) -> bool:
    """R9: system and agency administrators must use a TOTP device."""
    if is_system_admin(user):
        return True
    return bool(active_roles_of(user, {Role.AGENCY_ADMIN}))


def visible_agency_ids(user) -> frozenset[int]:
    """Ids of the agencies `user` may see. Cached on the user object for one request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        ids = frozenset(Agency.objects.values_list("id", flat=True))
    else:
        # A volunteer's role opens the guidance screens of a centre, never its dossiers.
        roots = {held.agency_id for held in roles_of(user) if held.role not in NO_DOSSIER_ROLES}
        ids = agency_and_below(roots)
    setattr(user, _CACHE_ATTR, ids)
    return ids


def reference_agency_ids(user) -> frozenset[int]:
    """The agencies whose shared reference data (the catalogue) `user` reads: those visible plus
    the agencies above them, so a counter officer sees the procedures its commune committee
    decides; a volunteer reads it too, to guide citizens. Never use it for dossiers or personal
    data: that is `scope_to_user`."""
    return agency_and_above(
        visible_agency_ids(user) | agency_ids_with_role(user, GUIDANCE_ONLY_ROLES)
    )


def scope_to_user(
    queryset: QuerySet, user, *, agency_field: str = "agency", or_fields: Iterable[str] = ()
) -> QuerySet:
    """Restrict `queryset` to rows whose `agency_field` (or any of `or_fields` too: a dossier
    is seen where it was received, is handled or is returned) is an agency `user` may see."""
    if is_system_admin(user):
        return queryset
    ids = visible_agency_ids(user)
    condition = Q()
    for field in (agency_field, *or_fields):
        condition |= Q(**{"id__in" if field == "self" else f"{field}__in": ids})
    return queryset.filter(condition)


def _ids(agencies: Iterable) -> set[int]:
    return {getattr(agency, "pk", agency) for agency in agencies if agency is not None}


def _parents() -> dict[int, int | None]:
    """The whole agency tree as {id: parent id}, in one query. A province holds a few thousand
    agencies at most: walking them in memory beats one query per level, and no depth is assumed."""
    return dict(Agency.objects.values_list("id", "parent_id"))


def agency_and_below(agencies: Iterable) -> frozenset[int]:
    """Ids of `agencies` (Agency objects or ids) and of every agency under them, at any depth.
    One query."""
    seen = _ids(agencies)
    if not seen:
        return frozenset()
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    frontier = list(seen)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in seen:
                seen.add(child)
                frontier.append(child)
    return frozenset(seen)


def agency_and_above(agencies: Iterable) -> frozenset[int]:
    """Ids of `agencies` (Agency objects or ids) and of every agency above them up to the root.
    One query."""
    seen = _ids(agencies)
    if not seen:
        return frozenset()
    parents = _parents()
    for agency_id in list(seen):
        parent_id = parents.get(agency_id)
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            parent_id = parents.get(parent_id)
    return frozenset(seen)


def manageable_agency_ids(user) -> frozenset[int]:
    """Agencies whose shared settings (the catalogue) `user` may change: those where they are
    agency administrator, and the agencies below. A role of another kind gives no such right."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Agency.objects.values_list("id", flat=True))
    roots = {held.agency_id for held in active_roles_of(user, {Role.AGENCY_ADMIN})}
    return agency_and_below(roots)


def agency_ids_with_role(user, roles) -> frozenset[int]:
    """Agencies where `user` holds one of `roles`, and the agencies below them; every agency for
    a system administrator. For pages kept by some roles only (the counter's duty roster)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Agency.objects.values_list("id", flat=True))
    roots = {held.agency_id for held in active_roles_of(user, roles)}
    return agency_and_below(roots)


def holds_role_over(user, roles, agency_ids) -> bool:
    """Whether `user` holds one of `roles` in one of `agency_ids` or in an agency above it.
    Workflow actions need a real role: being a system administrator is not enough."""
    if not user.is_authenticated or not user.is_active:
        return False
    roots = {held.agency_id for held in active_roles_of(user, roles)}
    return bool(agency_and_below(roots) & set(agency_ids))


# Association volunteers work the guidance screens only: a role list must name them to let
# them in, so a page written as `@staff_required()` never shows them dossiers (R5).
GUIDANCE_ONLY_ROLES = frozenset({Role.VOLUNTEER})
# A hamlet's data officer enters that hamlet's public disclosures (poor-household lists,
# contributions) and nothing else: like a volunteer, no page shows them dossiers unless it names
# their role, and no agency becomes "visible" to them through it.
NO_DOSSIER_ROLES = GUIDANCE_ONLY_ROLES | {Role.HAMLET_OFFICER}
# The post office's clerk stationed at the counter does the postal work of their centre and
# nothing else (Decision 45/2016: the post is not the agency): pages about the office's own
# work — the citizens' feedback, the reports — let in these roles, which leave the clerk out.
# Pages written as `@staff_required()` that lead to dossiers stay open to the clerk: they show
# only the postal dossiers of the clerk's centre (dossiers.selectors.dossiers_for_staff).
OFFICE_ROLES = tuple(
    role for role in Role.values if role not in NO_DOSSIER_ROLES | {Role.POSTAL_CLERK}
)


def is_volunteer_only(user) -> bool:
    """Whether every role `user` holds in an active agency is the volunteer role."""
    if not user.is_authenticated or is_system_admin(user):
        return False
    held = {staff_role.role for staff_role in active_roles_of(user)}
    return bool(held) and held <= GUIDANCE_ONLY_ROLES


def is_postal_clerk_only(user) -> bool:
    """Whether `user` works only as the post office's clerk at a counter: they see postal work
    (dossiers that came or go back by post), nothing else of the centre (R5)."""
    if not user.is_authenticated or is_system_admin(user):
        return False
    held = {staff_role.role for staff_role in active_roles_of(user)}
    return held == {Role.POSTAL_CLERK}


def staff_required(*roles: str):
    """View decorator: the user must be logged in and hold one of `roles`; with none given, any
    role but the volunteer's (a volunteer reaches only the pages that name their role). System
    administrators pass. Anonymous users go to the login page; others get 403."""
    wanted = set(roles) or {role for role in Role.values if role not in NO_DOSSIER_ROLES}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_system_admin(user) and not active_roles_of(user, wanted):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator

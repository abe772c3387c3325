"""Writes of an agency's own administration: its contact details and hours, and its staff.

Every function checks, through org.access, that the actor administers the agency concerned, runs
in one transaction and appends its audit row last.
"""

import secrets
from collections.abc import Iterable
from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_record
from core.phones import INVALID_MESSAGE, InvalidPhone, normalise_phone
from org.access import manageable_agency_ids
from org.models import Agency, Role, StaffRole, User

AGENCY_CONTACT_FIELDS = ("address", "phone", "email", "opens_at", "closes_at", "same_day_cutoff")

# Letters and digits nobody confuses when reading them aloud or off a screen (no 0/o, 1/l/i).
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _require_admin_of(actor, agency_ids: Iterable[int]) -> None:
    if not set(agency_ids) <= manageable_agency_ids(actor):
        raise PermissionDenied


def agency_update_contact(
    *,
    agency: Agency,
    actor: User,
    address: str,
    phone: str,
    email: str,
    opens_at: time,
    closes_at: time,
    same_day_cutoff: time,
    ip: str | None = None,
) -> Agency:
    """Change what citizens are told about where and when to come; audited with old and new."""
    _require_admin_of(actor, [agency.pk])
    if not opens_at < same_day_cutoff <= closes_at:
        raise ValidationError(
            _("Opening time, same-day cut-off and closing time must be in this order.")
        )
    try:
        phone = normalise_phone(phone)
    except InvalidPhone as error:
        raise ValidationError(INVALID_MESSAGE, params={"value": phone[:40]}) from error
    new = {
        "address": address.strip(),
        "phone": phone,
        "email": email.strip(),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "same_day_cutoff": same_day_cutoff,
    }
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        changed = {name: value for name, value in new.items() if getattr(agency, name) != value}
        if not changed:
            return agency
        old = {name: getattr(agency, name) for name in changed}
        for name, value in changed.items():
            setattr(agency, name, value)
        agency.save(update_fields=list(changed))
        audit_record(
            action="agency_contact_changed",
            actor=actor,
            agency_code=agency.code,
            obj=agency,
            old=old,
            new=changed,
            ip=ip,
        )
    return agency


# --- Staff ---------------------------------------------------------------------------------


def temporary_password() -> str:
    """A one-time password to read out or copy: three groups of four, e.g. k7mp-q2xa-9fhd."""
    groups = ("".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def staff_can_be_managed_by(actor: User, user: User) -> bool:
    """Whether `actor` administers every agency where `user` holds a role. A system
    administrator's account, or one holding a role elsewhere, is left to the system admin."""
    if user.is_superuser or user.is_staff:
        return False
    agency_ids = {role.agency_id for role in user.roles.all()}
    return bool(agency_ids) and agency_ids <= manageable_agency_ids(actor)


def _require_manageable(actor: User, user: User) -> None:
    if not staff_can_be_managed_by(actor, user):
        raise PermissionDenied


def _require_not_self(actor: User, user: User) -> None:
    if actor.pk == user.pk:
        raise ValidationError(
            _("You cannot change your own account here: ask another administrator.")
        )


def _check_grants(actor: User, grants: set[tuple[int, str]]) -> None:
    if not grants:
        raise ValidationError(_("Give the staff member at least one role."))
    unknown = {role for _agency, role in grants} - set(Role.values)
    if unknown:
        raise ValidationError(_("Choose roles from the list."))
    # Only roles in agencies the actor administers: never one above their own.
    _require_admin_of(actor, {agency_id for agency_id, _role in grants})


def _roles_label(grants: Iterable[tuple[int, str]]) -> list[str]:
    codes = dict(Agency.objects.values_list("id", "code"))
    return sorted(f"{codes.get(agency_id, agency_id)}:{role}" for agency_id, role in grants)


def staff_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    position: str = "",
    grants: set[tuple[int, str]],
    ip: str | None = None,
) -> tuple[User, str]:
    """Create a staff account with roles in the actor's agencies. Returns the account and its
    one-time password, which is shown once and stored only as a hash."""
    _check_grants(actor, grants)
    username = username.strip().lower()
    password = temporary_password()
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken: choose another."))
        user = User(username=username, full_name=full_name.strip(), position=position.strip())
        user.set_password(password)
        user.save()
        StaffRole.objects.bulk_create(
            StaffRole(user=user, agency_id=agency_id, role=role) for agency_id, role in grants
        )
        audit_record(
            action="staff_created",
            actor=actor,
            agency_code=_main_agency_code(grants),
            obj=user,
            new={
                "username": user.username,
                "full_name": user.full_name,
                "roles": _roles_label(grants),
            },
            ip=ip,
        )
    return user, password


def staff_set_roles(
    *, actor: User, user: User, grants: set[tuple[int, str]], ip: str | None = None
) -> None:
    """Replace the roles `user` holds by `grants`, all within the actor's agencies."""
    _require_not_self(actor, user)
    _check_grants(actor, grants)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _require_manageable(actor, user)
        held = set(StaffRole.objects.filter(user=user).values_list("agency_id", "role"))
        if held == grants:
            return
        removed, added = held - grants, grants - held
        for agency_id, role in removed:
            StaffRole.objects.filter(user=user, agency_id=agency_id, role=role).delete()
        StaffRole.objects.bulk_create(
            StaffRole(user=user, agency_id=agency_id, role=role) for agency_id, role in added
        )
        audit_record(
            action="staff_roles_changed",
            actor=actor,
            agency_code=_main_agency_code(grants),
            obj=user,
            old={"roles": _roles_label(held)},
            new={"roles": _roles_label(grants)},
            ip=ip,
        )


def staff_set_active(*, actor: User, user: User, active: bool, ip: str | None = None) -> None:
    """Deactivate an account (it can no longer log in, its open sessions end) or reactivate it.
    Its roles and its history stay."""
    _require_not_self(actor, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _require_manageable(actor, user)
        if user.is_active == active:
            return
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            action="staff_reactivated" if active else "staff_deactivated",
            actor=actor,
            agency_code=_agency_code_of(user),
            obj=user,
            old={"is_active": not active},
            new={"is_active": active},
            ip=ip,
        )


def staff_reset_password(*, actor: User, user: User, ip: str | None = None) -> str:
    """Give `user` a new one-time password (returned, to be shown once). Their open sessions
    end, because the password hash they were signed with changes."""
    _require_not_self(actor, user)
    password = temporary_password()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _require_manageable(actor, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        # The audit row says that it happened, never the password.
        audit_record(
            action="staff_password_reset",
            actor=actor,
            agency_code=_agency_code_of(user),
            obj=user,
            ip=ip,
        )
    return password


def staff_reset_authenticator(*, actor: User, user: User, ip: str | None = None) -> int:
    """Remove the user's authenticator devices (a lost phone): at their next login the MFA
    step asks them to enrol a new one. Returns how many devices were removed."""
    _require_not_self(actor, user)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _require_manageable(actor, user)
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            action="staff_authenticator_reset",
            actor=actor,
            agency_code=_agency_code_of(user),
            obj=user,
            new={"devices_removed": removed},
            ip=ip,
        )
    return removed


def _main_agency_code(grants: Iterable[tuple[int, str]]) -> str:
    agency_id = min(agency_id for agency_id, _role in grants)
    return Agency.objects.filter(pk=agency_id).values_list("code", flat=True).first() or ""


def _agency_code_of(user: User) -> str:
    role = StaffRole.objects.filter(user=user).select_related("agency").order_by("agency_id")
    first = role.first()
    return first.agency.code if first else ""

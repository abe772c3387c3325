"""Creating and revoking API clients: an agency administrator's act, audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.keys import key_make
from api.models import ApiClient
from core.audit import audit_record
from org.access import manageable_agency_ids
from org.models import Agency, Role, StaffRole, User

# The roles a machine client may act with: those of the dossier workflow, and the inspector's
# for a read-only reporting system. Never an administrator's or a volunteer's.
CLIENT_ROLES = (Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER, Role.INSPECTOR)


class ApiClientError(Exception):
    """The request cannot be carried out; the message says why."""


def api_client_create(
    *,
    agency: Agency,
    name: str,
    roles: list[str],
    can_write: bool,
    actor: User,
    ip: str | None = None,
) -> tuple[ApiClient, str]:
    """A new client of `agency` with its service account and roles; returns the client and its
    key, which is shown once and never stored."""
    if agency.pk not in manageable_agency_ids(actor):
        raise ApiClientError(_("You do not administer this agency."))
    name = " ".join(name.split())[:100]
    if not name:
        raise ApiClientError(_("Give the client a name: the system that will use the key."))
    roles = [role for role in CLIENT_ROLES if role in set(roles)]
    if not roles:
        raise ApiClientError(_("Choose at least one role for the client."))
    key, prefix, hashed = key_make()
    with transaction.atomic():
        user = User(username=f"api-{prefix}"[:150], full_name=name, is_active=True)
        user.set_unusable_password()  # a service account never logs in to the pages
        user.save()
        StaffRole.objects.bulk_create(StaffRole(user=user, agency=agency, role=r) for r in roles)
        client = ApiClient.objects.create(
            agency=agency,
            name=name,
            user=user,
            can_write=can_write,
            key_prefix=prefix,
            key_hash=hashed,
            created_by=actor,
        )
        audit_record(
            action="api_client_create",
            actor=actor,
            agency_code=agency.code,
            obj=client,
            new={"name": name, "roles": roles, "can_write": can_write, "prefix": prefix},
            ip=ip,
        )
    return client, key


def api_client_revoke(*, client_id: int, actor: User, ip: str | None = None) -> ApiClient:
    """Revoke the key at once: the next call with it is refused. The service account is
    deactivated too, so nothing can act in its name; its history stays."""
    with transaction.atomic():
        client = ApiClient.objects.select_for_update().select_related("agency").get(pk=client_id)
        if client.agency_id not in manageable_agency_ids(actor):
            raise ApiClientError(_("You do not administer this agency."))
        if client.revoked_at is not None:
            return client
        client.revoked_at = timezone.now()
        client.revoked_by = actor
        client.save(update_fields=["revoked_at", "revoked_by"])
        User.objects.filter(pk=client.user_id).update(is_active=False)
        audit_record(
            action="api_client_revoke",
            actor=actor,
            agency_code=client.agency.code,
            obj=client,
            old={"active": True},
            new={"active": False},
            ip=ip,
        )
    return client

"""Who calls the API: an API key in the Authorization header, its scope (read or write), its
rate limit, and the audit row every call of a client leaves."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api.keys import key_matches, key_split
from api.models import ApiClient
from core import ratelimit
from core.audit import audit_record
from core.network import client_ip

logger = logging.getLogger(__name__)

KEYWORD = "Api-Key"
INVALID_KEY = _("This API key is not valid or has been revoked.")
# A client's "last used" time is written at most this often, not on every call.
LAST_USED_STEP = timedelta(minutes=1)


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key mc_<prefix>.<secret>`. The request then runs as the client's
    service account (request.user) with the client as request.auth."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(INVALID_KEY, code="invalid_key")
        try:
            parts = key_split(header[1].decode("ascii"))
        except UnicodeDecodeError:
            parts = None
        if parts is None:
            raise exceptions.AuthenticationFailed(INVALID_KEY, code="invalid_key")
        prefix, secret = parts
        client = (
            ApiClient.objects.select_related("user", "agency").filter(key_prefix=prefix).first()
        )
        if (
            client is None
            or not key_matches(secret, client.key_hash)
            or client.revoked_at is not None
            or not client.user.is_active
        ):
            # The prefix only, never the secret.
            logger.warning("API key refused (prefix %s)", prefix[:16])
            raise exceptions.AuthenticationFailed(INVALID_KEY, code="invalid_key")
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > LAST_USED_STEP:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return client.user, client

    def authenticate_header(self, request):
        # Makes a missing or wrong key a 401 with WWW-Authenticate, as RFC 9110 asks.
        return KEYWORD


class HasApiKey(permissions.BasePermission):
    message = _("Send your agency's API key in the header “Authorization: Api-Key …”.")

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiClient)


class KeyMayWrite(permissions.BasePermission):
    """Reads for every key; writes only for a key its administrator allowed to write."""

    message = _(
        "This API key is read-only: ask your agency administrator for a key that may write."
    )

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return isinstance(request.auth, ApiClient) and request.auth.can_write


class _WindowThrottle(throttling.BaseThrottle):
    """A fixed window over the shared cache (core.ratelimit), as the pages' limits are."""

    retry_after = 0

    def bucket(self, request) -> tuple[str, int, int]:
        raise NotImplementedError

    def allow_request(self, request, view):
        key, limit, window = self.bucket(request)
        allowed, self.retry_after = ratelimit.hit(key=key, limit=limit, window_seconds=window)
        return allowed

    def wait(self):
        return self.retry_after


class ClientThrottle(_WindowThrottle):
    """API_RATE_LIMIT calls per API_RATE_WINDOW seconds per key; per address without one."""

    def bucket(self, request):
        if isinstance(request.auth, ApiClient):
            key = f"api:{request.auth.key_prefix}"
        else:
            key = f"api-ip:{ratelimit.client_key(request)}"
        return key, settings.API_RATE_LIMIT, settings.API_RATE_WINDOW


class LookupThrottle(_WindowThrottle):
    """The public lookup counts in the lookup page's own bucket: one limit per address for
    both, so the API is no way around the page's limit (R6)."""

    def bucket(self, request):
        key = f"lookup:{ratelimit.client_key(request)}"
        return key, settings.LOOKUP_RATE_LIMIT, settings.LOOKUP_RATE_WINDOW


def audit_call(request, response) -> None:
    """One audit row per call of a client: who, which operation, the answer's status. The query
    string is left out: a search may hold an ID number (R17)."""
    client = getattr(request, "auth", None)
    if not isinstance(client, ApiClient):
        return
    audit_record(
        action="api_call",
        actor=client.user,
        agency_code=client.agency.code,
        object_type="api.apiclient",
        object_id=str(client.pk),
        object_repr=str(client)[:255],
        new={"method": request.method, "path": request.path[:300], "status": response.status_code},
        ip=client_ip(request),
    )

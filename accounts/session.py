"""The signed-in citizen, kept in the session: who they are and when they signed in.

Not Django's login (that is for staff): a citizen's session holds the account's id and two
times, and ends after CITIZEN_SESSION_IDLE seconds without a request or
CITIZEN_SESSION_MAX seconds after signing in (R8, as staff sessions do).
"""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import CitizenAccount

# Read by templates of any app (`request.session.motcua_citizen`) to show the citizen's menu.
SESSION_ACCOUNT = "motcua_citizen"
SESSION_SIGNED_IN_AT = "motcua_citizen_at"
SESSION_SEEN_AT = "motcua_citizen_seen"
# The destination a code was sent to, between the two steps of signing in.
SESSION_PENDING = "motcua_citizen_pending"


def citizen_sign_in(request, account: CitizenAccount) -> None:
    """A new session key at sign-in (session fixation), then the account."""
    request.session.cycle_key()
    now = int(time.time())
    request.session[SESSION_ACCOUNT] = account.pk
    request.session[SESSION_SIGNED_IN_AT] = now
    request.session[SESSION_SEEN_AT] = now
    request.session.pop(SESSION_PENDING, None)


def citizen_sign_out(request) -> None:
    for key in (SESSION_ACCOUNT, SESSION_SIGNED_IN_AT, SESSION_SEEN_AT, SESSION_PENDING):
        request.session.pop(key, None)
    request.session.cycle_key()


def current_account(request) -> CitizenAccount | None:
    """The signed-in citizen's account, or None (never signed in, expired, or deleted)."""
    if hasattr(request, "_citizen_account"):
        return request._citizen_account
    account = None
    account_id = request.session.get(SESSION_ACCOUNT)
    if account_id is not None:
        now = int(time.time())
        signed_in_at = request.session.get(SESSION_SIGNED_IN_AT, 0)
        seen_at = request.session.get(SESSION_SEEN_AT, signed_in_at)
        idle = now - seen_at > getattr(settings, "CITIZEN_SESSION_IDLE", 30 * 60)
        too_old = now - signed_in_at > getattr(settings, "CITIZEN_SESSION_MAX", 12 * 60 * 60)
        if idle or too_old:
            citizen_sign_out(request)
        else:
            account = CitizenAccount.objects.filter(pk=account_id).first()
            if account is None:
                citizen_sign_out(request)
            elif now - seen_at >= 60:
                request.session[SESSION_SEEN_AT] = now
    request._citizen_account = account
    return account


def safe_next(request, value: str | None) -> str:
    """A return address on this site, or the citizen's home page."""
    if (
        value
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and value.startswith("/")
    ):
        return value
    return reverse("accounts:home")


def private(response):
    """Pages with a citizen's personal data are never stored by a cache (R11)."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def citizen_required(view):
    """The view runs for a signed-in citizen (`request.citizen`); others go to sign in and
    come back."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        account = current_account(request)
        if account is None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:sign-in')}?{query}")
        request.citizen = account
        return private(view(request, *args, **kwargs))

    return wrapper

"""Audit rows for logging in and out (R16), and the start of the session clock (R8)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core.audit import audit_record
from core.middleware import SESSION_LOGIN_AT, SESSION_SEEN_AT
from core.network import client_ip


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SESSION_LOGIN_AT] = now
    request.session[SESSION_SEEN_AT] = now
    audit_record(action="login", actor=user, obj=user, ip=client_ip(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="logout", actor=user, obj=user, ip=client_ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        action="login_failed",
        object_type="auth.login",
        object_repr=username,
        ip=client_ip(request),
    )

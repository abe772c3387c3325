"""The client's address, decided once for audit rows, rate limits and the login lockout."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the client that sent `request`, or None when there is none to trust.

    With TRUSTED_PROXY_COUNT = 0 (the default: the server faces the network) it is REMOTE_ADDR
    and X-Forwarded-For is ignored, since any client can write that header. With N reverse
    proxies in front, each appended the address it received from to X-Forwarded-For, so the
    client is the Nth entry from the right: the right-most one no trusted proxy wrote. Entries
    further left came from the client itself and never count. A request that passed through
    fewer proxies than declared keeps REMOTE_ADDR.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None

"""A fixed-window rate limiter over Django's cache, and the client bucket it is keyed on."""

import ipaddress
import logging
import math
import time

from django.core.cache import caches

from core.network import client_ip

logger = logging.getLogger(__name__)

# The cache counters live in: it must be one that every process shares (system check core.E002).
CACHE_ALIAS = "default"


def hit(*, key: str, limit: int, window_seconds: int) -> tuple[bool, int]:
    """Count one request against `key`; return (allowed, seconds until the window ends).

    Windows are aligned on the clock (one counter per `key` and window number), so a counter
    never needs resetting: it expires with its window. `cache.add` creates the counter only if it
    is missing and `cache.incr` increments it in place; both are atomic on Redis and on the
    local-memory cache, so concurrent requests never lose a count. The local-memory cache is per
    process: with several gunicorn workers the limit applies per worker unless CACHES points at
    Redis, which `check --deploy` requires (core.E002).
    """
    cache_key, retry_after = _window(key, window_seconds)
    cache = caches[CACHE_ALIAS]
    try:
        cache.add(cache_key, 0, timeout=window_seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the counter expired between add and incr: this is a new window
            cache.add(cache_key, 1, timeout=window_seconds + 1)
            count = 1
    except Exception:
        # A cache outage must not lock citizens out of a public page; the limit is a brake on
        # scraping, not a security boundary on its own.
        logger.warning("Rate limiter cache unavailable; request allowed", exc_info=True)
        return True, 0
    return count <= limit, retry_after


def used_up(*, key: str, limit: int, window_seconds: int) -> tuple[bool, int]:
    """Whether `key` has already been counted `limit` times in this window, without counting
    this request; and the seconds until the window ends. For limits on failures only: look
    first, `hit` when the request fails."""
    cache_key, retry_after = _window(key, window_seconds)
    try:
        count = caches[CACHE_ALIAS].get(cache_key) or 0
    except Exception:
        logger.warning("Rate limiter cache unavailable; request allowed", exc_info=True)
        return False, 0
    return count >= limit, retry_after


def _window(key: str, window_seconds: int) -> tuple[str, int]:
    now = time.time()
    window = int(now // window_seconds)
    retry_after = max(1, math.ceil((window + 1) * window_seconds - now))
    return f"ratelimit:{key}:{window_seconds}:{window}", retry_after


def client_key(request) -> str:
    """The bucket a request counts against: its client address (core.network.client_ip), with
    an IPv6 client keyed on its /64, which one subscriber usually holds whole."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)

"""API keys as text: making one, splitting it, hashing its secret. No database access.

A key is "mc_<prefix>.<secret>": the prefix (public, shown in lists) finds the client's row, the
secret (32 random bytes) is compared by its SHA-256. A slow password hash is not needed: the
secret is random with 256 bits of entropy, not a word someone chose, so nobody can guess it
from its hash, and a fast hash keeps every API call cheap.
"""

import hashlib
import secrets

from django.utils.crypto import constant_time_compare

PREFIX = "mc_"
PREFIX_BYTES = 6  # 8 URL-safe characters: enough to be unique in a province
SECRET_BYTES = 32


def key_make() -> tuple[str, str, str]:
    """A new key: (the whole key to show once, its prefix, the hash to store)."""
    prefix = secrets.token_urlsafe(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return f"{PREFIX}{prefix}.{secret}", prefix, key_hash(secret)


def key_split(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a key as a client sent it, or None when it is not shaped like one."""
    if not key.startswith(PREFIX) or len(key) > 200:
        return None
    prefix, dot, secret = key[len(PREFIX) :].partition(".")
    if not dot or not prefix or not secret:
        return None
    return prefix, secret


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def key_matches(secret: str, stored_hash: str) -> bool:
    return constant_time_compare(key_hash(secret), stored_hash)

"""What the payments services share: their error, references, locking and the audit row's
actor (as dossiers.services_shared does for the dossier's writes)."""

import secrets

from django.db import connection

from core.actors import Actor

# Unambiguous on a screen and over the phone: no 0/O, 1/I/L.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class PaymentError(Exception):
    """The payment action is not possible now; the message says why, for the person who tried."""


def new_reference(prefix: str, length: int = 8) -> str:
    """ "MC7K3P9QX2": a random reference, unaccented and without separators, so a bank keeps it
    intact in a transfer's description."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


def locked(queryset):
    """Row locks where the engine has them; SQLite's IMMEDIATE transactions already write one
    at a time, and the version columns and unique constraints catch the rest."""
    if connection.features.has_select_for_update:
        return queryset.select_for_update(of=("self",))
    return queryset


def audit_actor(actor: Actor, new: dict) -> dict:
    """The audit row's actor: the staff account, or the kind and label written with the new
    values (core.audit records a user only)."""
    if actor.is_staff:
        return {"actor": actor.user, "new": new}
    return {"actor": None, "new": {**new, "actor": f"{actor.kind}:{actor.label}"}}

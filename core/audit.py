"""Writing and verifying the audit log (R16). Every audited action calls `audit_record`."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _plain(values: dict[str, Any] | None) -> dict[str, Any]:
    """JSON-safe copy, so the hash computed now equals the one computed from the stored row."""
    return json.loads(json.dumps(values or {}, cls=DjangoJSONEncoder, sort_keys=True))


def _clean_ip(ip: str | None) -> str | None:
    # Stored IPv6 addresses come back normalised; normalise first so the hash survives.
    if not ip:
        return None
    return clean_ipv6_address(ip) if ":" in ip else ip


def event_hash(event: AuditEvent) -> str:
    payload = [
        event.previous_hash,
        event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        event.actor_id,
        event.actor_label,
        event.agency_code,
        event.action,
        event.object_type,
        event.object_id,
        event.object_repr,
        event.old_values,
        event.new_values,
        event.ip_address,
    ]
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def audit_record(
    *,
    action: str,
    actor=None,
    agency_code: str = "",
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Append one audit row, chained to the previous one.

    Runs inside the caller's transaction when there is one, so the row exists exactly when the
    action it describes was committed.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    if actor is not None and not actor.is_authenticated:
        actor = None
    # Inside the caller's transaction no savepoint is needed: a failure here fails the action.
    with transaction.atomic(savepoint=False):
        # Lock the head row so concurrent writers chain one after the other. Every audited
        # write on the instance queues here until its transaction commits, so callers append
        # the audit row last, after their other writes.
        head = _locked_head()
        event = AuditEvent(
            at=timezone.now(),
            actor=actor,
            actor_label=(actor.get_username() if actor else "")[:150],
            agency_code=agency_code,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            old_values=_plain(old),
            new_values=_plain(new),
            ip_address=_clean_ip(ip),
            previous_hash=head.last_hash,
        )
        event.hash = event_hash(event)
        event.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=event.hash)
    return event


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # The migration creates the head; rebuild it from the newest row if it went missing
        # (a flushed database, a partial restore) rather than refuse to record anything.
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": last or GENESIS_HASH})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def audit_head_hash() -> str:
    head = AuditChainHead.objects.filter(pk=1).first()
    return head.last_hash if head else GENESIS_HASH


@dataclass(frozen=True)
class BrokenLink:
    event_id: int | None
    reason: str


def audit_verify(events: Iterable[AuditEvent], *, head_hash: str) -> BrokenLink | None:
    """Walk the chain in id order and return the first broken link, or None when it is intact.

    An edited row no longer matches its own hash; a deleted row breaks the next row's
    `previous_hash`; a deleted tail no longer matches the head.
    """
    previous = GENESIS_HASH
    for event in events:
        if event.previous_hash != previous:
            return BrokenLink(event.pk, "previous_hash does not match the row before it")
        if event_hash(event) != event.hash:
            return BrokenLink(event.pk, "the row's content does not match its hash")
        previous = event.hash
    if previous != head_hash:
        return BrokenLink(None, "the newest row does not match the chain head (rows removed)")
    return None

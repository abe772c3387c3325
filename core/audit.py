"""Writing and verifying the audit log (R16). Every audited action calls `audit_record`.

One hash chain per agency (docs/decisions/0009-audit-chains-and-checkpoints.md)."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
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


def chain_of(agency_code: str) -> str:
    """The chain a row recorded for `agency_code` joins: that agency's own ("" for no agency)."""
    return agency_code


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
    """Append one audit row to its agency's chain, after the chain's newest row.

    Runs inside the caller's transaction when there is one, so the row exists exactly when the
    action it describes was committed.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    if actor is not None and not actor.is_authenticated:
        actor = None
    chain = chain_of(agency_code)
    # Inside the caller's transaction no savepoint is needed: a failure here fails the action.
    with transaction.atomic(savepoint=False):
        # Lock the chain's head so concurrent writers of one agency chain one after the other;
        # writers of other agencies lock other heads and do not wait. The lock is held until the
        # transaction commits, so callers append the audit row last, after their other writes.
        head = _locked_head(chain)
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
            chain=chain,
            seq=head.seq + 1,
        )
        event.hash = event_hash(event)
        event.save()
        # The database lets a head only move forward: one further, onto its old hash.
        AuditChainHead.objects.filter(pk=head.pk).update(
            seq=event.seq, last_hash=event.hash, previous_hash=head.last_hash
        )
    return event


def _locked_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        # A chain's first row creates its head. Two first rows at once: the second insert waits
        # for the first and then does nothing, and its lock below waits for the first's commit.
        # Rows without a head (a flushed or partly restored database) are continued from the
        # newest one rather than refused; verify_audit and the checkpoints judge them.
        last = (
            AuditEvent.objects.filter(chain=chain)
            .order_by("-seq")
            .values_list("seq", "hash", "previous_hash")
            .first()
        )
        seq, last_hash, previous_hash = last or (0, GENESIS_HASH, GENESIS_HASH)
        AuditChainHead.objects.bulk_create(
            [
                AuditChainHead(
                    chain=chain, seq=seq, last_hash=last_hash, previous_hash=previous_hash
                )
            ],
            ignore_conflicts=True,
        )
        head = AuditChainHead.objects.select_for_update().get(chain=chain)
    return head


def heads_digest(heads: Iterable[tuple[str, int, str]]) -> str:
    """One SHA-256 over every chain's (chain, length, newest hash), in chain order: the whole
    log's position in one line, as printed on the daily register and kept by checkpoints."""
    lines = "".join(f"{chain}\t{seq}\t{last}\n" for chain, seq, last in sorted(heads) if seq)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def audit_heads() -> dict[str, tuple[int, str]]:
    """Every chain's length and newest hash, by chain."""
    return {
        chain: (seq, last)
        for chain, seq, last in AuditChainHead.objects.filter(seq__gt=0).values_list(
            "chain", "seq", "last_hash"
        )
    }


def audit_head_hash() -> str:
    """The digest of every chain's head (see `heads_digest`)."""
    return heads_digest((chain, seq, last) for chain, (seq, last) in audit_heads().items())


def chain_label(chain: str) -> str:
    return chain or "(no agency)"


@dataclass(frozen=True)
class BrokenLink:
    event_id: int | None
    reason: str
    chain: str = ""


@dataclass(frozen=True)
class Checkpoint:
    """A chain's length and newest hash as copied out at `taken_at`, and where it was kept."""

    chain: str
    seq: int
    hash: str
    taken_at: str
    source: str


@dataclass
class Verification:
    events: int = 0
    chains: int = 0
    broken: list[BrokenLink] = field(default_factory=list)


def audit_verify_chains(
    events: Iterable[AuditEvent],
    *,
    heads: dict[str, tuple[int, str]] | None = None,
    head_hash: str | None = None,
    checkpoints: Iterable[Checkpoint] = (),
) -> Verification:
    """Walk every chain and report, per chain, its first broken link.

    `events` may come in id order or in (chain, seq) order: within a chain both are the same.
    An edited row no longer matches its own hash; a deleted row breaks the next row's
    `previous_hash` and position; a deleted tail no longer matches the head (`heads`, or the
    digest of all heads in `head_hash`) nor a checkpoint taken before the cut.
    """
    expected: dict[tuple[str, int], list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        expected.setdefault((checkpoint.chain, checkpoint.seq), []).append(checkpoint)
    ends: dict[str, tuple[int, str]] = {}  # chain -> (seq, hash) of the last row seen
    broken: dict[str, BrokenLink] = {}
    result = Verification()
    for event in events:
        result.events += 1
        chain = event.chain
        if chain in broken:
            continue
        seq, previous = ends.get(chain, (0, GENESIS_HASH))
        reason = None
        if event.previous_hash != previous:
            reason = "previous_hash does not match the row before it"
        elif event.seq != seq + 1:
            reason = f"the row is at position {event.seq}, the chain expects {seq + 1}"
        elif event_hash(event) != event.hash:
            reason = "the row's content does not match its hash"
        else:
            for checkpoint in expected.get((chain, event.seq), ()):
                if checkpoint.hash != event.hash:
                    reason = (
                        f"the row differs from the checkpoint of {checkpoint.taken_at} "
                        f"({checkpoint.source})"
                    )
        if reason:
            broken[chain] = BrokenLink(event.pk, reason, chain)
            continue
        ends[chain] = (event.seq, event.hash)
    # Chains whose rows all went, and heads that name no chain any more.
    chains = set(ends) | set(broken) | set(heads or {})
    chains |= {chain for chain, seq in expected if seq}
    for chain in sorted(chains - set(broken)):
        seq, last = ends.get(chain, (0, GENESIS_HASH))
        if heads is not None and heads.get(chain, (0, GENESIS_HASH)) != (seq, last):
            broken[chain] = BrokenLink(
                None, "the newest row does not match the chain head (rows removed)", chain
            )
            continue
        for (checkpoint_chain, checkpoint_seq), kept in expected.items():
            if checkpoint_chain == chain and checkpoint_seq > seq:
                broken[chain] = BrokenLink(
                    None,
                    f"the chain has {seq} rows, the checkpoint of {kept[0].taken_at} "
                    f"({kept[0].source}) saw {checkpoint_seq} (rows removed)",
                    chain,
                )
                break
    if heads is None and head_hash is not None and not broken:
        walked = ((chain, seq, last) for chain, (seq, last) in ends.items())
        if heads_digest(walked) != head_hash:
            broken[""] = BrokenLink(
                None, "the newest rows do not match the chain heads (rows removed)", ""
            )
    result.chains = len(ends)
    result.broken = sorted(broken.values(), key=lambda link: link.chain)
    return result


def audit_verify(
    events: Iterable[AuditEvent], *, head_hash: str | None = None, heads=None
) -> BrokenLink | None:
    """The first broken link of any chain, or None when every chain is intact."""
    result = audit_verify_chains(events, heads=heads, head_hash=head_hash)
    return result.broken[0] if result.broken else None

"""Daily checkpoints of the audit chains, kept in three places the database alone cannot rewrite.

`checkpoint_take` copies every chain's (length, newest hash) into the append-only checkpoint
table and, in the same step, appends one JSON line to the checkpoint file; the command then
e-mails the line to the inspectors and the day's register prints its fingerprint. Someone who
can rewrite the database (even past its triggers) can cut or recompute a chain, but not the line
already in the file, in the inspectors' mailboxes and on paper: `verify_audit` compares the
chains with the table and the file. See docs/decisions/0009-audit-chains-and-checkpoints.md.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.audit import Checkpoint, audit_heads, heads_digest
from core.models import AuditCheckpoint


@dataclass(frozen=True)
class CheckpointRun:
    """One run of `audit_checkpoint`: every chain at `taken_at`."""

    taken_at: datetime
    chains: tuple[tuple[str, int, str], ...]  # (chain, seq, newest hash), in chain order

    @property
    def digest(self) -> str:
        return heads_digest(self.chains)

    @property
    def events(self) -> int:
        return sum(seq for _, seq, _ in self.chains)

    def line(self) -> str:
        """The human line: e-mail subject, register footer."""
        return _(
            "Audit log checkpoint %(time)s: %(chains)s chains, %(events)s events, "
            "fingerprint %(digest)s"
        ) % {
            "time": timezone.localtime(self.taken_at).strftime("%d/%m/%Y %H:%M"),
            "chains": number_format(len(self.chains), force_grouping=True),
            "events": number_format(self.events, force_grouping=True),
            "digest": self.digest[:16],
        }

    def file_line(self) -> str:
        return json.dumps(
            {
                "taken_at": _iso(self.taken_at),
                "digest": self.digest,
                "chains": [list(chain) for chain in self.chains],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def checkpoint_file() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def checkpoint_take(*, now: datetime | None = None) -> CheckpointRun:
    """Record every chain's head in the table and append it to the file, both or neither."""
    taken_at = now or timezone.now()
    heads = audit_heads()
    run = CheckpointRun(
        taken_at=taken_at,
        chains=tuple(sorted((chain, seq, last) for chain, (seq, last) in heads.items())),
    )
    path = checkpoint_file()
    with transaction.atomic():
        AuditCheckpoint.objects.bulk_create(
            AuditCheckpoint(taken_at=taken_at, chain=chain, seq=seq, hash=last)
            for chain, seq, last in run.chains
        )
        # Written before the commit: if the file cannot be written the rows roll back.
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(run.file_line() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    return run


def day_end(day: date) -> datetime:
    """The last moment of a local day, for `checkpoint_latest(until=…)`."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def checkpoint_latest(*, until: datetime) -> CheckpointRun | None:
    """The newest run taken at or before `until` (two queries)."""
    taken_at = (
        AuditCheckpoint.objects.filter(taken_at__lte=until)
        .order_by("-taken_at")
        .values_list("taken_at", flat=True)
        .first()
    )
    if taken_at is None:
        return None
    rows = AuditCheckpoint.objects.filter(taken_at=taken_at).order_by("chain")
    return CheckpointRun(taken_at, tuple(rows.values_list("chain", "seq", "hash")))


@dataclass
class KeptCheckpoints:
    checkpoints: list[Checkpoint] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    runs: int = 0


def checkpoints_kept() -> KeptCheckpoints:
    """Every checkpoint of the table and of the file, and what is wrong between the two: a run
    in one and not in the other, an altered line, a missing file."""
    kept = KeptCheckpoints()
    table: dict[str, list[tuple[str, int, str]]] = {}
    rows = AuditCheckpoint.objects.order_by("taken_at", "chain").values_list(
        "taken_at", "chain", "seq", "hash"
    )
    for taken_at, chain, seq, last in rows.iterator(chunk_size=5000):
        table.setdefault(_iso(taken_at), []).append((chain, seq, last))
        kept.checkpoints.append(Checkpoint(chain, seq, last, _iso(taken_at), "table"))
    path = checkpoint_file()
    in_file: set[str] = set()
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    line = json.loads(text)
                    taken_at = line["taken_at"]
                    chains = [(str(c), int(s), str(h)) for c, s, h in line["chains"]]
                    digest = line["digest"]
                except (ValueError, KeyError, TypeError):
                    kept.problems.append(f"line {number} of {path.name} is not a checkpoint")
                    continue
                if heads_digest(chains) != digest:
                    kept.problems.append(f"line {number} of {path.name} was altered")
                    continue
                in_file.add(taken_at)
                source = f"{path.name} line {number}"
                kept.checkpoints.extend(Checkpoint(c, s, h, taken_at, source) for c, s, h in chains)
    elif table:
        kept.problems.append(f"the checkpoint file {path} is missing")
    if path.exists():
        for taken_at in sorted(set(table) - in_file):
            kept.problems.append(f"the run of {taken_at} is in the table but not in {path.name}")
        for taken_at in sorted(in_file - set(table)):
            kept.problems.append(f"the run of {taken_at} is in {path.name} but not in the table")
    kept.runs = len(set(table) | in_file)
    return kept

"""Writing planned dossiers: one transaction per batch, the dossiers first (their ids), then
applicants, checklist lines, history rows and the daily sequences the codes used."""

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from benchmarks.synthetic.generator import Generator, Plan
from benchmarks.synthetic.world import Office
from benchmarks.synthetic.writers import writer_for
from core.actors import ActorKind
from dossiers.models import Applicant, DailySequence, Dossier, DossierDocument, StatusChange
from dossiers.workflow import Action


@dataclass
class Report:
    dossiers: int = 0
    rows: int = 0
    seconds: float = 0.0
    states: Counter = field(default_factory=Counter)


def plans_store(
    generator: Generator,
    *,
    count: int,
    batch: int,
    use_copy: bool | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> Report:
    report = Report()
    writer = writer_for(batch=batch, use_copy=use_copy)
    started = time.perf_counter()
    # closing(): a failed batch stops the planning thread at once, not when collected.
    with closing(_ahead(_batches(generator, count=count, batch=batch))) as batches:
        for plans, sequences in batches:
            _flush(plans, sequences, writer, report, started, progress)
    report.seconds = time.perf_counter() - started
    return report


def _batches(generator: Generator, *, count: int, batch: int) -> Iterator[tuple[list, dict]]:
    """Batches of plans, each with the last sequence number its codes reached per agency and
    day (taken now: the generator numbers the next batch while this one is written)."""
    buffer: list[Plan] = []
    for plan in generator.plans(count):
        buffer.append(plan)
        if len(buffer) >= batch:
            yield buffer, _sequences_reached(generator, buffer)
            buffer = []
    if buffer:
        yield buffer, _sequences_reached(generator, buffer)


def _sequences_reached(generator: Generator, plans: list[Plan]) -> dict:
    touched = {(plan.office.centre.pk, plan.code_at.date()) for plan in plans}
    return {key: generator.sequences[key] for key in touched}


def _ahead(batches: Iterator, *, depth: int = 2) -> Iterator:
    """The batches, made in a second thread up to `depth` ahead: planning is Python, writing
    is mostly PostgreSQL's work, and the thread waiting on the server lets the planner run.
    Planning never touches the database. An error on either side stops both."""
    handed: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def hand_over(item) -> bool:
        """Put `item` in the queue unless the writer stopped; False when it did."""
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def plan_ahead() -> None:
        try:
            for item in batches:
                if not hand_over(item):
                    return
            hand_over(end)
        except BaseException as error:  # handed over and raised in the writing thread
            hand_over(error)

    planner = threading.Thread(target=plan_ahead, name="plan-dossiers", daemon=True)
    planner.start()
    try:
        while (item := handed.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        planner.join(timeout=5)


def _flush(plans: list[Plan], sequences: dict, writer, report: Report, started, progress) -> None:
    tick = time.perf_counter()
    with transaction.atomic():
        ids = writer.insert(
            Dossier,
            [{"code": plan.code, "created_at": plan.code_at, **plan.fields} for plan in plans],
            ids=True,
        )
        pairs = list(zip(ids, plans, strict=True))
        writer.insert(Applicant, [{"dossier_id": pk, **plan.applicant} for pk, plan in pairs])
        documents = [
            {"dossier_id": pk, "required_id": required, "order": order, "name": name,
             "originals": originals, "copies": copies, "received": True}
            for pk, plan in pairs
            for order, (required, name, originals, copies) in enumerate(plan.documents)
        ]  # fmt: skip
        writer.insert(DossierDocument, documents)
        changes = [
            {"dossier_id": pk, "at": at, "action": action, "from_state": source,
             "to_state": target, "actor_id": actor, "due_at": due, "reason": reason,
             "actor_kind": _kind_of(actor, action),
             "actor_agency_id": _agency_of(plan.office, action)}
            for pk, plan in pairs
            for at, action, source, target, actor, due, reason in plan.steps
        ]  # fmt: skip
        writer.insert(StatusChange, changes)
        DailySequence.objects.bulk_create(
            [DailySequence(agency_id=a, day=d, last=last) for (a, d), last in sequences.items()],
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last"],
        )
    report.dossiers += len(plans)
    report.rows += len(plans) * 2 + len(documents) + len(changes) + len(sequences)
    report.states.update(plan.fields["state"] for plan in plans)
    elapsed = time.perf_counter() - started
    progress(
        f"{report.dossiers:>9} dossiers  {report.rows:>10} rows  "
        f"batch {len(plans) / (time.perf_counter() - tick):>6.0f} dossiers/s  "
        f"overall {report.dossiers / elapsed:>6.0f} dossiers/s"
    )


def dossiers_generate(
    *,
    count: int,
    seed: int = 1,
    batch: int = 5000,
    communes: int = 20,
    years: int = 3,
    now: datetime | None = None,
    use_copy: bool | None = None,
    progress: Callable[[str], None] = lambda _line: None,
) -> Report:
    """Add `count` synthetic dossiers with `years` of history up to `now`. Same seed, same now
    and same starting database → the same data set."""
    generator = Generator(seed=seed, now=now or timezone.now(), years=years, communes=communes)
    return plans_store(generator, count=count, batch=batch, use_copy=use_copy, progress=progress)


# Steps taken at the counter are recorded against the centre, the others against the committee.
COUNTER_ACTIONS = frozenset({"receive", Action.ACCEPT, Action.REFUSE, Action.ASSIGN,
                             Action.RETURN_RESULT, Action.SUPPLEMENT_RECEIVED,
                             Action.CLOSE_UNSUPPLEMENTED})  # fmt: skip


def _kind_of(actor_id: int | None, action: str) -> str:
    """Staff when an account acted; else the applicant submitting online, or the daily job."""
    if actor_id is not None:
        return ActorKind.STAFF
    return ActorKind.APPLICANT if action == "receive" else ActorKind.SYSTEM


def _agency_of(office: Office, action: str) -> int:
    return office.centre.pk if action in COUNTER_ACTIONS else office.committee.pk

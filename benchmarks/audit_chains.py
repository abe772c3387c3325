"""Benchmark: receptions per second with one audit chain per agency, beside one shared chain.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
        nice .venv/bin/python benchmarks/audit_chains.py [--count 400] [--processes 1,2,3,4] \\
        [--communes 4] [--rounds 2]

Calls the real `dossiers.services.dossier_receive` (daily number under a row lock, dossier,
applicant, checklist, fees, history, the audit row last) from K worker processes, as gunicorn
serves counters, each with its own connection. Each process receives for its own communes
(process p takes communes p, p+K, …), so the daily-number rows are never shared and the only
lock the processes can meet is the audit chain's head. Two modes, measured in the same run and
interleaved in each round:

- `per agency`: the code as shipped, each commune appends to its own chain;
- `one chain`: the baseline, `core.audit.chain_of` patched so every row joins one chain, as
  before decision 0009 (every audited write of the deployment locks the same head row).

Prints one line per measurement, then the median of the rounds per mode and process count.
It writes real rows: run it on a benchmark database, never on one that matters.
"""

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("per agency", "one chain")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=400, help="Receptions per measurement.")
    parser.add_argument("--processes", default="1,2,3,4")
    parser.add_argument("--communes", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    process_counts = [int(n) for n in args.processes.split(",")]

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql" or connection.settings_dict["NAME"].startswith("test"):
        sys.exit("Run it on a PostgreSQL benchmark database (DATABASE_URL), never on test.")

    from benchmarks.synthetic.counter import (
        commune_officers,
        counter_checklist,
        counter_reception,
        counter_version,
    )
    from benchmarks.synthetic.world import world_prepare

    world_prepare(communes=args.communes, rng=random.Random(1))
    version = counter_version()
    officers = commune_officers()
    by_agency = {}
    for role in officers:
        by_agency.setdefault(role.agency_id, role)
    officers = list(by_agency.values())[: args.communes]
    if len(officers) < max(process_counts):
        sys.exit(f"{len(officers)} communes with an officer; need at least {max(process_counts)}.")
    documents = counter_checklist(version)

    def reception(officer, index: int):
        return counter_reception(version, documents, officer, index)

    global RECEPTION, OFFICERS
    RECEPTION, OFFICERS = reception, officers
    print(
        f"engine {connection.vendor}, procedure {version.procedure.code}, "
        f"{len(officers)} communes ({', '.join(o.agency.code for o in officers)}), "
        f"{len(documents)} checklist lines, {args.count} receptions per measurement, "
        f"{os.cpu_count()} cores"
    )
    # Warm-up: first queries, translations, holidays; and a database that is not migrated
    # stops here rather than measuring how fast receptions fail.
    if errors := _measure(1, 20, MODES[0])[2]:
        sys.exit(f"The warm-up failed: {errors[0]}")
    figures: dict[tuple[str, int], list[float]] = {}
    waits: dict[tuple[str, int], list[float]] = {}
    for round_ in range(1, args.rounds + 1):
        for processes in process_counts:
            for mode in MODES if round_ % 2 else reversed(MODES):
                rate, waited, errors = _measure(processes, args.count, mode)
                figures.setdefault((mode, processes), []).append(rate)
                waits.setdefault((mode, processes), []).append(waited)
                print(
                    f"round {round_}  {mode:<10}  {processes} process(es): {rate:6.1f}/s, "
                    f"waited {waited:4.1f} ms per reception for the head lock"
                    + (f"  ERRORS: {errors[:3]}" if errors else ""),
                    flush=True,
                )
    print(f"\nmedians of {args.rounds} rounds (and the ms a reception waited for the head lock)")
    print("| processes | per agency | one chain | ratio | lock wait, per agency | one chain |")
    print("|---|---|---|---|---|---|")
    for processes in process_counts:
        rate, wait = (
            [statistics.median(values[(mode, processes)]) for mode in MODES]
            for values in (figures, waits)
        )
        print(
            f"| {processes} | {rate[0]:.0f}/s | {rate[1]:.0f}/s | {rate[0] / rate[1]:.2f} "
            f"| {wait[0]:.1f} ms | {wait[1]:.1f} ms |"
        )


def _measure(processes: int, count: int, mode: str) -> tuple[float, float, list[str]]:
    """`count` receptions spread over `processes` forked workers: receptions per second and
    the mean milliseconds a reception waited for its chain head's lock."""
    global STARTED, INDEX_BASE
    from django.db import connection

    import core.audit

    connection.close()
    shipped = core.audit.chain_of
    if mode == "one chain":
        core.audit.chain_of = lambda agency_code: "benchmark-one-chain"
    INDEX_BASE = (INDEX_BASE + count) % 900_000
    context = multiprocessing.get_context("fork")
    STARTED = context.Event()  # inherited by the forked workers
    share = [(p, processes, range(n, count, processes)) for p, n in enumerate(range(processes))]
    try:
        with context.Pool(processes) as pool:
            pending = pool.map_async(_receive_all, share)
            time.sleep(0.5)  # let every process start before the clock starts
            started = time.perf_counter()
            STARTED.set()
            results = pending.get()
            elapsed = time.perf_counter() - started
    finally:
        core.audit.chain_of = shipped
    waited = sum(result[1] for result in results)
    errors = [result[0] for result in results if result[0]]
    return count / elapsed, 1000 * waited / count, errors


def _receive_all(job) -> tuple[str, float]:
    """Receive this worker's share: (error, seconds spent waiting for the chain head's lock)."""
    from django.db import connection

    import core.audit
    from dossiers.services import dossier_receive

    process, processes, indexes = job
    mine = OFFICERS[process::processes]  # this process's own communes
    waited = 0.0

    locked_head = core.audit._locked_head

    def timed_locked_head(chain):
        nonlocal waited
        started = time.perf_counter()
        head = locked_head(chain)
        waited += time.perf_counter() - started
        return head

    core.audit._locked_head = timed_locked_head  # this forked worker only
    STARTED.wait()
    try:
        for index in indexes:
            item, actor = RECEPTION(mine[index % len(mine)], INDEX_BASE + index)
            dossier_receive(reception=item, actor=actor)
    except Exception as error:  # report, do not hide, a failed reception
        return repr(error), waited
    finally:
        connection.close()
    return "", waited


RECEPTION = None
OFFICERS: list = []
STARTED = None
INDEX_BASE = 0


if __name__ == "__main__":
    main()

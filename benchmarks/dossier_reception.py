"""Benchmark: dossiers received per second through the real reception service.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
        .venv/bin/python benchmarks/dossier_reception.py [--count 1000] [--processes 3] \\
        [--counters 2]

Calls `dossiers.services.dossier_receive` (the same transaction the counter runs: code from the
daily sequence under a row lock, dossier, applicant, checklist, fees, history and audit rows, the
notification task queued with it, the audit row) N times in a loop, then N times spread over K
processes (gunicorn's workers), each with its own database connection. With --counters 1 every
process takes numbers from the same agency's sequence row, so they queue on that lock, as two
clerks of one counter do.
It writes real rows: run it on a benchmark database, never on one that matters. Target: ≥ 100/s.
"""

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--counters", type=int, default=2, help="Receiving agencies to use.")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connection

    from benchmarks.synthetic.counter import (
        commune_officers,
        counter_checklist,
        counter_reception,
        counter_version,
    )
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion
    from dossiers.services import dossier_receive
    from org.demo import demo_seed

    if not ProcedureVersion.objects.filter(status="published").exists():
        demo_seed()
        catalog_seed()
    version = counter_version()
    officers = commune_officers()[: args.counters]
    documents = counter_checklist(version)

    global RECEPTION

    def reception(index: int):
        return counter_reception(version, documents, officers[index % len(officers)], index)

    RECEPTION = reception
    print(
        f"engine {connection.vendor}, procedure {version.procedure.code}, "
        f"{len(officers)} counter(s), {len(documents)} checklist lines"
    )

    # Warm-up: first queries, translations and the calendar's holidays.
    for index in range(10):
        item, actor = reception(index)
        dossier_receive(reception=item, actor=actor)

    started = time.perf_counter()
    for index in range(args.count):
        item, actor = reception(index)
        dossier_receive(reception=item, actor=actor)
    elapsed = time.perf_counter() - started
    print(f"1 process:   {args.count} dossiers in {elapsed:.2f} s = {args.count / elapsed:.0f}/s")

    # Several worker processes, as gunicorn runs the counter's requests (threads of one process
    # would share one interpreter lock and measure that instead). Each has its own connection.
    global STARTED
    connection.close()
    context = multiprocessing.get_context("fork")
    STARTED = context.Event()  # inherited by the forked workers
    share = [range(n, args.count, args.processes) for n in range(args.processes)]
    with context.Pool(args.processes) as pool:
        pending = pool.map_async(_receive_all, share)
        time.sleep(0.5)  # let every process start before the clock starts
        started = time.perf_counter()
        STARTED.set()
        results = pending.get()
        elapsed = time.perf_counter() - started
    errors = [error for error in results if error]
    print(
        f"{args.processes} processes: {args.count} dossiers in {elapsed:.2f} s = "
        f"{args.count / elapsed:.0f}/s" + (f"  ERRORS: {errors[:3]}" if errors else "")
    )


def _receive_all(indexes) -> str:
    from django.db import connection

    from dossiers.services import dossier_receive

    STARTED.wait()
    try:
        for index in indexes:
            item, actor = RECEPTION(index)
            dossier_receive(reception=item, actor=actor)
    except Exception as error:  # report, do not hide, a failed reception
        return repr(error)
    finally:
        connection.close()
    return ""


RECEPTION = None
STARTED = None


if __name__ == "__main__":
    main()

"""Benchmark: dossier events sent to the national portal per second by the sync worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
        .venv/bin/python benchmarks/sync_throughput.py [--dossiers 2000] [--batches 1,50,200]

Receives N dossiers through the real reception service (each writes its tracked event with
it), lets the subscriber queue them, then times `sync.worker.sync_due` sending every event:
to the demo portal (no network: the baseline, the worker's own database work), and to the fake
DVCQG adapter of the tests over real HTTP in another process (it checks every field of every
record), at each batch size. Between runs the cursors go back to zero and the fake starts
empty. It writes real rows: run it on a benchmark database. Target: ≥ 200 events/s.
"""

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _serve(port_queue) -> None:
    from sync.tests import fake_portal

    _portal, server = fake_portal.start()
    port_queue.put(server.server_address[1])
    while True:
        time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=2000)
    parser.add_argument("--batches", default="1,50,200")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from django.test import override_settings

    from benchmarks.synthetic.counter import (
        commune_officers,
        counter_checklist,
        counter_reception,
        counter_version,
    )
    from catalog.demo import catalog_seed
    from catalog.models import ProcedureVersion
    from core.events import events_sweep
    from dossiers.services import dossier_receive
    from org.demo import demo_seed
    from sync.models import DossierSync
    from sync.tests import fake_portal
    from sync.worker import sync_due

    if not ProcedureVersion.objects.filter(status="published").exists():
        demo_seed()
        catalog_seed()
    version = counter_version()
    officers = commune_officers()
    documents = counter_checklist(version)
    DossierSync.objects.update(sent_event_id=models_f("latest_event_id"))  # earlier runs: done
    started = time.perf_counter()
    for index in range(args.dossiers):
        item, actor = counter_reception(version, documents, officers[index % len(officers)], index)
        dossier_receive(reception=item, actor=actor)
    while events_sweep(limit=1000):
        pass
    print(
        f"engine {connection.vendor}: {args.dossiers} dossiers received and queued in "
        f"{time.perf_counter() - started:.1f} s"
    )
    mine = DossierSync.objects.filter(
        pk__in=list(
            DossierSync.objects.order_by("-id").values_list("pk", flat=True)[: args.dossiers]
        )
    )

    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    server = context.Process(target=_serve, args=(ports,), daemon=True)
    server.start()
    port = ports.get(timeout=60)

    class Address:
        server_address = ("127.0.0.1", port)

    runs = [("demo portal (no network)", 200, {"NATIONAL_PORTAL": "demo"})]
    for batch in (int(b) for b in args.batches.split(",")):
        # A fresh fake for each run: the records would otherwise be "already there".
        runs.append((f"fake DVCQG over HTTP, batch {batch}", batch, None))
    for label, batch, overrides in runs:
        if overrides is None:
            server.kill()
            server.join()
            ports = context.Queue()
            server = context.Process(target=_serve, args=(ports,), daemon=True)
            server.start()
            Address.server_address = ("127.0.0.1", ports.get(timeout=60))
            overrides = fake_portal.settings_for(Address)
        mine.update(sent_event_id=0, synced_code=None, synced_at=None, attempts=0, last_error="")
        with override_settings(**overrides):
            started = time.perf_counter()
            sent = sync_due(batch=batch, rounds=10**6)
            elapsed = time.perf_counter() - started
        left = mine.filter(sent_event_id=0).count()
        print(
            f"{label:38} {sent} events in {elapsed:.2f} s = {sent / elapsed:.0f} events/s"
            + (f"  NOT SENT: {left}" if left else "")
        )
    server.kill()


def models_f(name):
    from django.db.models import F

    return F(name)


if __name__ == "__main__":
    main()

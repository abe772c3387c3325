"""Benchmark: the citizen portal's own pages on a large PostgreSQL database (made by
`manage.py generate_dossiers`), with a same-run baseline.

    DATABASE_URL=postgres://…/motcua_bench python benchmarks/portal_pages.py [--runs 100]

In-process, through Django's test client (the whole middleware stack and the citizen's
session), for a verified citizen whose ID number the generated dossiers use: "Hồ sơ của tôi",
one of their dossiers, the online submission's draft page, and "Nộp trực tuyến" (which finds
or opens the draft). Each round times every case once, in turn, beside a bare Django view
(`/hello/`), so a busy machine slows all cases alike. Prints median, p95 and the queries of
one call. Target (issue 13): p95 < 50 ms at 1,000,000 dossiers, constant queries per page.
It writes one citizen, one account and one draft: run it on a benchmark database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from accounts.models import CitizenAccount, Verification
    from accounts.session import SESSION_ACCOUNT, SESSION_SEEN_AT, SESSION_SIGNED_IN_AT
    from catalog.models import OnlineLevel, ProcedureVersion, VersionStatus
    from citizens.models import Citizen
    from dossiers.models import Applicant, Dossier

    # No setup_test_environment(): it wraps every template render to record it for tests,
    # which would weigh on these pages (many form widgets) and on nothing in production.
    settings.DEBUG = False
    settings.ROOT_URLCONF = "benchmarks.bench_urls"
    settings.ALLOWED_HOSTS = ["*"]
    settings.CITIZEN_SESSION_IDLE = settings.CITIZEN_SESSION_MAX = 10**9
    # The citizen whose ID number the most dossiers carry: the heaviest "Hồ sơ của tôi".
    busiest = (
        Applicant.objects.exclude(id_number="")
        .values("id_number")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    id_number = busiest["id_number"]
    sample = Applicant.objects.filter(id_number=id_number).first()
    citizen, _ = Citizen.objects.get_or_create(
        id_number=id_number,
        defaults={
            "full_name": sample.full_name,
            "birth_date": sample.birth_date or timezone.localdate().replace(year=1980),
            "gender": "Nam",
        },
    )
    account, _ = CitizenAccount.objects.get_or_create(
        phone="0900000001",
        defaults={
            "id_number": id_number,
            "full_name": sample.full_name,
            "citizen": citizen,
            "verified_by": Verification.REGISTRY,
            "verified_at": timezone.now(),
        },
    )
    total = Dossier.objects.count()
    print(f"dossiers: {total:,}; the citizen's (by ID number): {busiest['n']}")
    version = (
        ProcedureVersion.objects.filter(
            status=VersionStatus.PUBLISHED, online_level=OnlineLevel.PARTIAL
        )
        .order_by("pk")
        .first()
    )
    client = Client()
    session = client.session
    now = int(time.time())
    session[SESSION_ACCOUNT] = account.pk
    session[SESSION_SIGNED_IN_AT] = session[SESSION_SEEN_AT] = now
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    start = f"/cong-dan/nop/{version.procedure_id}/"
    draft = client.get(start)["Location"]
    mine = Dossier.objects.filter(applicants__id_number=id_number).order_by("-pk").first()
    cases = {
        "/hello/ (bare Django view)": "/hello/",
        "Hồ sơ của tôi": "/cong-dan/ho-so/",
        "one of my dossiers": f"/cong-dan/ho-so/{mine.pk}/",
        "Nộp trực tuyến (finds the draft)": start,
        "the draft (submission form)": draft,
    }
    for path in cases.values():
        status = client.get(path).status_code
        assert status in (200, 302), (path, status)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, path in cases.items():
            started = time.perf_counter()
            client.get(path)
            times[name].append((time.perf_counter() - started) * 1000)
    settings.DEBUG = True
    print(f"{'case':<36} {'median':>8} {'p95':>8} {'queries':>8}   ({args.runs} runs)")
    for name, path in cases.items():
        reset_queries()
        client.get(path)
        values = times[name]
        print(
            f"{name:<36} {statistics.median(values):>6.1f}ms {percentile(values, 0.95):>6.1f}ms"
            f" {len(connection.queries):>8}"
        )


if __name__ == "__main__":
    main()

"""Benchmark: the REST API's dossier list on a large PostgreSQL database (made by
`manage.py generate_dossiers`), with a same-run baseline.

    DATABASE_URL=postgres://…/motcua_bench python benchmarks/api_list.py [--runs 100]

In-process, through Django's test client (the whole middleware stack, DRF, the API key, the
rate limit and the audit row each call writes), against the database DATABASE_URL names. Each
round times every case once, in turn, so a busy machine slows all cases alike. Cases:
- `/hello/`: a bare Django view (benchmarks/bench_urls.py), the floor of any request;
- `/api-hello/`: an empty answer through the API's key check, limit and audit: the API's floor;
- the list's first page for a key of the commune with the most dossiers, its 40th page (by
  cursor), a state filter, one code exactly, the workspace's search (`q`) for that code, and
  the first page for a key of the province (every dossier in scope);
- the staff pages' "all dossiers" queue of that commune's officer: the same selector as HTML.
Prints median, p95 and the queries of one call. Target: list p95 < 50 ms at 1,000,000 dossiers.
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
    from django.test.utils import setup_test_environment

    from api.services import api_client_create
    from dossiers.models import Dossier
    from org.models import Agency, AgencyKind, Role, StaffRole, User

    setup_test_environment()  # lets the test client run outside the test runner
    settings.DEBUG = False  # as in production; turned on at the end to count the queries
    settings.ROOT_URLCONF = "benchmarks.bench_urls"
    settings.API_RATE_LIMIT = 10**9
    settings.ALLOWED_HOSTS = ["*"]
    busiest = (
        Dossier.objects.values("receiving_agency").annotate(n=Count("id")).order_by("-n").first()
    )
    commune = Agency.objects.get(pk=busiest["receiving_agency"])
    province = Agency.objects.filter(kind=AgencyKind.PROVINCIAL_COMMITTEE).order_by("pk").first()
    total = Dossier.objects.count()
    print(f"dossiers: {total:,}; {commune.name} ({commune.code}): {busiest['n']:,}")
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench.admin", password=None
    )
    _, commune_key = api_client_create(
        agency=commune,
        name="benchmark",
        roles=[Role.RECEIVING_OFFICER],
        can_write=False,
        actor=admin,
    )
    _, province_key = api_client_create(
        agency=province, name="benchmark", roles=[Role.INSPECTOR], can_write=False, actor=admin
    )
    officer = User.objects.filter(roles__agency=commune, roles__role=Role.RECEIVING_OFFICER).first()
    if officer is None:
        officer = User.objects.create_user("bench.officer", password=None)
        StaffRole.objects.create(user=officer, agency=commune, role=Role.RECEIVING_OFFICER)

    def api(key):
        return Client(HTTP_AUTHORIZATION=f"Api-Key {key}")

    commune_api, province_api, bare = api(commune_key), api(province_key), Client()
    staff = Client()
    staff.force_login(officer)
    # Warm-up, and the 40th page's cursor.
    url = "/api/v1/dossiers/"
    for _ in range(39):
        url = commune_api.get(url).json()["next"]
    deep = url
    some_code = commune_api.get("/api/v1/dossiers/").json()["results"][7]["code"]
    cases = {
        "/hello/ (bare Django view)": (bare, "/hello/"),
        "/api-hello/ (key, limit, audit)": (commune_api, "/api-hello/"),
        "list, commune key, page 1": (commune_api, "/api/v1/dossiers/"),
        "list, commune key, page 40 (cursor)": (commune_api, deep),
        "list, commune key, state=in_progress": (
            commune_api,
            "/api/v1/dossiers/?state=in_progress",
        ),
        "list, commune key, code=<a code>": (commune_api, f"/api/v1/dossiers/?code={some_code}"),
        "list, commune key, q=<a code>": (commune_api, f"/api/v1/dossiers/?q={some_code}"),
        "list, province key, page 1": (province_api, "/api/v1/dossiers/"),
        "staff page: all dossiers (HTML)": (staff, "/can-bo/ho-so/?hang=tat-ca"),
    }
    for client, path in cases.values():  # warm every case once
        status = client.get(path).status_code
        assert status == 200, (path, status)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (client, path) in cases.items():
            started = time.perf_counter()
            client.get(path)
            times[name].append((time.perf_counter() - started) * 1000)
    settings.DEBUG = True
    print(f"{'case':<40} {'median':>8} {'p95':>8} {'queries':>8}   ({args.runs} runs)")
    for name, (client, path) in cases.items():
        reset_queries()
        client.get(path)
        queries = len(connection.queries)
        values = times[name]
        print(
            f"{name:<40} {statistics.median(values):>6.1f}ms {percentile(values, 0.95):>6.1f}ms"
            f" {queries:>8}"
        )


if __name__ == "__main__":
    main()

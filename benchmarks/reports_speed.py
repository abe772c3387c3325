"""Benchmark: the reports on a large PostgreSQL database (made by `manage.py generate_dossiers`).

    DATABASE_URL=postgres://…/motcua_bench python benchmarks/reports_speed.py [--runs 5]
        [--year 2025] [--quarter 2025-4]

Times, in-process and against the database named by DATABASE_URL:
- the Decision 766 scorecard of the commune with the most dossiers, for the last full year;
- the quarterly statistics of the province (every commune), for the last full quarter;
- beside them, the baseline: one `count(*)` of all dossiers, the cheapest question the same
  tables answer.
Prints the median and the slowest of the runs, the number of queries and the dossiers in the
database. Target: each report under 2 s.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(function, runs: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries

    times, queries = [], 0
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
        queries = len(connection.queries)
    return statistics.median(times), max(times), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, help="the scorecard's year (default: last year)")
    parser.add_argument(
        "--quarter", help="the statistics' quarter as YYYY-Q (default: the last full one)"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from datetime import date

    from django.conf import settings
    from django.db.models import Count

    from dossiers.models import Dossier
    from org.models import Agency, AgencyKind
    from reports.selectors import scope_for, scorecard
    from reports.statistics import period_of
    from reports.statistics import statistics as report_statistics

    settings.DEBUG = True  # count the queries
    today = date.today()
    year = args.year or today.year - 1
    if args.quarter:
        quarter_year, quarter = (int(part) for part in args.quarter.split("-"))
    else:
        quarter = (today.month - 1) // 3 or 4
        quarter_year = today.year if quarter != 4 else today.year - 1
    busiest = (
        Dossier.objects.values("competent_agency").annotate(n=Count("id")).order_by("-n").first()
    )
    commune = Agency.objects.get(pk=busiest["competent_agency"])
    province = Agency.objects.filter(kind=AgencyKind.PROVINCIAL_COMMITTEE).first()
    first, last = period_of("quarter", quarter_year, quarter)
    total = Dossier.objects.count()
    print(f"dossiers in the database: {total:,}; {commune.name}: {busiest['n']:,}")

    baseline = _timed(lambda: Dossier.objects.count(), args.runs)
    card = _timed(
        lambda: scorecard(commune, first_day=date(year, 1, 1), last_day=date(year, 12, 31)).total,
        args.runs,
    )
    stats = _timed(
        lambda: report_statistics(scope_for(province, first_day=first, last_day=last)).total,
        args.runs,
    )
    for name, (median, worst, queries) in (
        ("baseline: count(*) of all dossiers", baseline),
        (f"766 scorecard, {commune.name}, {year}", card),
        (f"statistics, {province.name}, Q{quarter}/{quarter_year}", stats),
    ):
        print(
            f"{name}: median {median * 1000:.0f} ms, slowest {worst * 1000:.0f} ms, "
            f"{queries} queries"
        )


if __name__ == "__main__":
    main()

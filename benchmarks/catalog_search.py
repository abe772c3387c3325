"""Benchmark: public catalogue search over 2,000 published procedures on SQLite.

    python benchmarks/catalog_search.py [--procedures 2000] [--runs 50]

Builds a throw-away SQLite database, fills it with procedures whose names mix real Vietnamese
procedure words, then times full requests to /thu-tuc/?q=... through Django's test client (view,
queries and template: the server time a citizen waits for, minus the network). Target: < 50 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "đăng ký khai sinh",
    "đăng ký kết hôn",
    "đăng ký khai tử",
    "chứng thực bản sao",
    "chứng thực chữ ký",
    "xác nhận tình trạng hôn nhân",
    "cấp bản sao trích lục",
    "đăng ký thường trú",
    "hỗ trợ mai táng",
    "trợ cấp xã hội",
    "giấy phép xây dựng",
    "hòa giải tranh chấp đất đai",
    "đăng ký hộ kinh doanh",
    "công nhận hộ nghèo",
]
QUERIES = [
    "dang ky khai sinh",
    "chung thuc",
    "ĐĂNG KÝ KẾT HÔN",
    "ho ngheo",
    "1.0005",
    "xyz khong co",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="motcua-bench-")
    os.environ["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from catalog.models import ChannelTerm, Procedure, ProcedureField, ProcedureVersion
    from catalog.search import version_search_text

    setup_test_environment()
    call_command("migrate", verbosity=0)
    fields = [ProcedureField.objects.create(code=f"F{i}", name=f"Lĩnh vực {i}") for i in range(12)]
    procedures = Procedure.objects.bulk_create(
        Procedure(national_code=f"1.{n:06d}") for n in range(args.procedures)
    )
    versions = []
    for n, procedure in enumerate(procedures):
        version = ProcedureVersion(
            procedure=procedure,
            number=1,
            status="published",
            name=f"Thủ tục {WORDS[n % len(WORDS)]} số {n}",
            field=fields[n % len(fields)],
        )
        version.procedure = procedure
        version.search_text = version_search_text(version)
        versions.append(version)
    ProcedureVersion.objects.bulk_create(versions, batch_size=500)
    ChannelTerm.objects.bulk_create(
        [ChannelTerm(version=v, channel="1", term_value=3) for v in versions], batch_size=500
    )

    client = Client()
    print(f"{args.procedures} published procedures, {args.runs} requests per query")
    for query in QUERIES:
        client.get("/thu-tuc/", {"q": query})  # warm up
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get("/thu-tuc/", {"q": query})
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"  q={query!r:24} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()

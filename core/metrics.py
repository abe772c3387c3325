"""What the running system does, for an operator's Prometheus: requests and their latency by
page, the task queue's depth, dossiers received today by channel (issue 20, R20).

Labels never carry personal data: a page is its URL pattern ("ho-so/<id:pk>/"), never the path
with a dossier number in it, and statuses are grouped by hundred.

Several gunicorn workers each count their own requests; with PROMETHEUS_MULTIPROC_DIR set (an
empty folder, cleared when the service starts, see docs/deployment.md) prometheus_client adds
them up at scrape time. The gauges read the database at scrape time, so every process reports
the same figure.
"""

import os
import time

from django.conf import settings
from django.db.models import Count
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "motcua_http_requests_total",
    "HTTP requests answered, by page (URL pattern), method and status class.",
    ["page", "method", "status"],
)
LATENCY = Histogram(
    "motcua_http_request_seconds",
    "Time to answer an HTTP request, by page (URL pattern).",
    ["page"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.3, 0.5, 1, 2, 5),
)


def page_label(request) -> str:
    """The URL pattern that answered, or a fixed word: bounded, and free of numbers and names."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.route or match.view_name or "unnamed"


class MetricsMiddleware:
    """First in the chain, so the time includes every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        page = page_label(request)
        REQUESTS.labels(page, request.method, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(page).observe(time.perf_counter() - started)
        return response


_GAUGES: list = []  # functions yielding GaugeMetricFamily, registered by the apps


def gauge(func):
    """Decorator: `func()` yields prometheus_client metric families read at scrape time (the
    dossiers app registers its received-today figures; core cannot import it)."""
    if func not in _GAUGES:
        _GAUGES.append(func)
    return func


class _ScrapeTimeGauges:
    def collect(self):
        queued = GaugeMetricFamily(
            "motcua_task_queue_depth", "Background tasks waiting to run.", labels=["queue"]
        )
        for queue, depth in queue_depths().items():
            queued.add_metric([queue], depth)
        yield queued
        for func in _GAUGES:
            yield from func()


def queue_depths() -> dict[str, int]:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_rq"):
        import django_rq  # noqa: PLC0415 - installed only with the Redis queue

        return {name: django_rq.get_queue(name).count for name in settings.RQ_QUEUES}
    if backend.startswith("django_tasks_db"):
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        rows = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values_list("queue_name")
            .annotate(depth=Count("id"))
        )
        return dict(rows) or {"default": 0}
    return {}


def exposition() -> tuple[bytes, str]:
    """The text Prometheus scrapes, and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(_ScrapeTimeGauges())
    return generate_latest(registry), CONTENT_TYPE_LATEST

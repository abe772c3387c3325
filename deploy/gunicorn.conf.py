"""gunicorn for MotCua: `gunicorn -c deploy/gunicorn.conf.py config.wsgi:application`.

Sized for a 2-core server (see docs/deployment.md): a few sync workers, each with its own
database connection; nginx in front queues and rate-limits the rest. Every value can be changed
from the environment without editing this file.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# Requests waiting for a worker beyond this are refused by the kernel (nginx answers 502/503
# quickly) instead of piling up until every citizen times out.
backlog = int(os.environ.get("GUNICORN_BACKLOG", "64"))
# A worker stuck longer than this is killed and replaced; a reception never takes so long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak never reaches production memory limits.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def child_exit(server, worker):
    # With PROMETHEUS_MULTIPROC_DIR, a dead worker's gauges must stop counting (core.metrics).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

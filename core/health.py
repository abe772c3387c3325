"""What /healthz checks: each part the counter cannot work without, cheaply (a load balancer
asks every few seconds), and never by writing."""

import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection

from core.metrics import queue_depths

OK = "ok"


def health_checks() -> dict[str, str]:
    return {"database": _database(), "queue": _queue(), "storage": _storage()}


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "the database does not answer"
    return OK


def _queue() -> str:
    # The depth query reaches the queue's own store: the tasks table, or Redis.
    try:
        queue_depths()
    except Exception:  # noqa: BLE001 - any failure of the queue's store means the same
        return "the task queue does not answer"
    return OK


def _storage() -> str:
    if isinstance(default_storage, FileSystemStorage):
        # A new instance has no folder until its first upload: the storage will create it, so
        # the nearest folder that exists must let it.
        folder = Path(default_storage.location)
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not (folder.is_dir() and os.access(folder, os.W_OK)):
            return "the file folder cannot be written"
        return OK
    try:
        default_storage.exists("healthz")  # one HEAD request to the bucket
    except Exception:  # noqa: BLE001 - any failure of the bucket means the same
        return "the file storage does not answer"
    return OK

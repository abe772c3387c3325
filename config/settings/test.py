"""Settings for the test suite: the embedded defaults, fast hashing, in-memory e-mail."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_PROVIDER = "memory"
ZALO_PROVIDER = "memory"
# Never the development checkout's checkpoint file: verify_audit would compare it with the test
# database. Created only if a test writes a checkpoint without its own file.
AUDIT_CHECKPOINT_FILE = Path(tempfile.gettempdir()) / f"motcua-test-{uuid.uuid4().hex}.log"
# Tests read the lookup's context; the answer cache has tests of its own.
LOOKUP_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Close connections after each request: the browser tests' live server answers in short-lived
# threads whose kept-alive connections would otherwise pile up on PostgreSQL.
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the browser tests' live server then reads the database through its own
    # connection, as in production, instead of sharing the test thread's in-memory one.
    # One file per test process, so two runs in the same checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
# Access counts are written by the tests that check them, never in the middle of another
# test's query count.
ACCESS_STATS_FLUSH_SECONDS = None
# The demo CA once per test process, outside the checkout.
SIGNING_DEMO_DIR = Path(tempfile.gettempdir()) / f"motcua-signing-demo-{os.getpid()}"
SIGNING_FETCH_REVOCATION = False

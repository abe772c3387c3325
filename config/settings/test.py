"""Settings for the test suite: the embedded defaults, fast hashing, in-memory e-mail."""

from .base import *  # noqa: F403
from .base import DATABASES, TASKS_BACKEND

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "notifications.sms.MemorySmsBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
if TASKS_BACKEND == "database":
    # Tests run queued tasks with the real worker command; see notifications/tests.
    pass

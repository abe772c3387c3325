"""Production settings: PostgreSQL, HTTPS behind a proxy, a real secret; refuses to start without.

Must pass: manage.py check --deploy --fail-level WARNING --settings=config.settings.production
(which also needs REDIS_URL: rate limits must count in a cache every worker shares, core.E002).
"""

import os

from django.core.exceptions import ImproperlyConfigured

for required in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production.")

os.environ.setdefault("SECURE_COOKIES", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "1")
os.environ.setdefault("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60))
os.environ.setdefault("TRUSTED_PROXY_COUNT", "1")
os.environ.setdefault("SECURE_HSTS_PRELOAD", "1")
# The demo signing CA has no legal value: production signs with its own certificate.
os.environ.setdefault("SIGNING_DEMO_ALLOWED", "0")

from .base import *  # noqa: E402,F403

DEBUG = False
SESSION_COOKIE_NAME = "__Host-motcua_session"
CSRF_COOKIE_NAME = "__Host-motcua_csrftoken"

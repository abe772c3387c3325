"""Settings for `make run`: the demo as a commune would see it. DEBUG is off, so a wrong address
shows the project's Vietnamese 404 page (and 400, 403, 500), never Django's English debug page;
WhiteNoise serves the static files straight from the apps, without collectstatic."""

import os

os.environ.setdefault("DEBUG", "0")

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

# seed_demo creates accounts with a published password: allowed on this demo set-up.
DEMO = True
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

"""Settings for `make run`: the embedded defaults with DEBUG on."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

# Serve unhashed static files so a changed stylesheet shows without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

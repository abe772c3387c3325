"""`make run` serves the demo with config.settings.demo: DEBUG off, so a wrong address gets the
project's Vietnamese 404 page and not Django's English debug page, while the static files are
still served (WhiteNoise, from the apps, no collectstatic)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/khong-co-trang-nay/")
style = client.get("/static/core/css/motcua.css")
print(settings.DEBUG, missing.status_code, style.status_code)
print(missing.content.decode())
"""


def test_a_wrong_address_in_the_demo_shows_the_vietnamese_404_page_and_static_files_load(
    tmp_path,
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.demo",
        "SQLITE_PATH": str(tmp_path / "demo.sqlite3"),
    }
    env.pop("DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first, page = done.stdout.split("\n", 1)
    assert first == "False 404 200"
    assert "Không tìm thấy trang" in page
    assert 'lang="vi"' in page
    assert "Technical" not in page and "Page not found" not in page

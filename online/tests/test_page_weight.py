"""Citizen pages weigh under 100 KB before fonts (DESIGN.md: cheap phones on 3G): the page
itself and the stylesheets and scripts it links, uncompressed, as a phone without a cache
downloads them at worst."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from online.tests.conftest import photo, sign_in
from online.tests.test_submission import answers, slot_of, start

LIMIT = 100 * 1024
ASSET = re.compile(r'(?:src|href)="/static/([^"?]+\.(?:css|js))"')


def weight(html: str) -> int:
    linked = set(ASSET.findall(html))
    return len(html.encode()) + sum(Path(finders.find(name)).stat().st_size for name in linked)


@pytest.mark.django_db
def test_every_citizen_page_weighs_under_100_kb(client, portal):
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    weights = {}

    def weigh(url):
        response = client.get(url)
        assert response.status_code == 200, url
        weights[url] = weight(response.content.decode())

    for url in (reverse("accounts:home"), draft_url, reverse("online:my-dossiers")):
        weigh(url)
    client.post(
        draft_url, {**answers(portal), slot_of(portal.partial): [photo()], "action": "submit"}
    )
    weigh(reverse("online:dossier", args=[portal.an.drafts.get().dossier_id]))
    client.post(reverse("accounts:sign-out"))
    weigh(reverse("accounts:sign-in"))
    assert all(value < LIMIT for value in weights.values()), weights

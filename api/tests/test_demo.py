"""The demo's API keys: one read-only key per demo commune, that works and is idempotent."""

import pytest
from django.urls import reverse

from api.demo import api_seed
from api.models import ApiClient
from api.tests.conftest import api
from org.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_keys_read_their_communes_dossiers_and_cannot_write():
    demo_seed()
    keys = api_seed()
    assert api_seed() == keys and ApiClient.objects.count() == len(keys)
    for key in keys:
        assert api(key).get(reverse("api:dossiers")).status_code == 200
        assert api(key).post(reverse("api:dossiers"), {}, format="json").status_code == 403

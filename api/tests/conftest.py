"""The API's cast: keys of commune A's counter (read and write, read only) and of its
committee's handlers, and a key of commune B; a dossier of commune A's."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.services import api_client_create
from dossiers.services import dossier_receive
from dossiers.tests.conftest import office, reception_for  # noqa: F401  shared fixtures
from org.models import Role


def key_for(cast, agency, roles, *, can_write=True, name="Hệ thống thử"):
    client, key = api_client_create(
        agency=agency, name=name, roles=roles, can_write=can_write, actor=cast.sam
    )
    return client, key


def api(key: str | None = None) -> APIClient:
    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keys(office):  # noqa: F811
    office.counter_client, office.counter_key = key_for(
        office, office.centre_a, [Role.RECEIVING_OFFICER]
    )
    office.reader_client, office.reader_key = key_for(
        office, office.centre_a, [Role.RECEIVING_OFFICER], can_write=False, name="Bảng điều hành"
    )
    office.handler_client, office.handler_key = key_for(
        office, office.committee_a, [Role.SPECIALIST, Role.LEADER]
    )
    office.other_client, office.other_key = key_for(
        office, office.centre_b, [Role.RECEIVING_OFFICER], name="Xã Bình"
    )
    office.dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    return office

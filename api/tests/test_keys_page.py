"""The agency administrator's page for API keys: create (shown once), list, revoke."""

import pytest
from django.urls import reverse

from api.models import ApiClient
from api.tests.conftest import api
from conftest import login_verified
from core.models import AuditEvent
from org.models import Role

pytestmark = pytest.mark.django_db


def test_an_agency_administrator_creates_a_key_shown_once_and_stored_hashed(client, cast):
    login_verified(client, cast.ada)
    page = client.get(reverse("api:clients"))
    assert page.status_code == 200
    assert "Khóa API" in page.content.decode()
    response = client.post(
        reverse("api:clients"),
        {
            "name": "Hệ thống điều hành tỉnh",
            "agency": cast.centre_a.pk,
            "roles": [Role.RECEIVING_OFFICER],
        },
    )
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode()
    created = ApiClient.objects.get()
    assert key.partition(".")[2] not in created.key_hash
    assert not created.can_write
    assert AuditEvent.objects.filter(action="api_client_create", actor=cast.ada).exists()
    # Shown once: the list never shows it again.
    assert key not in client.get(reverse("api:clients")).content.decode()
    assert api(key).get(reverse("api:dossiers")).status_code == 200


def test_a_key_is_only_for_an_agency_the_administrator_manages(client, cast):
    login_verified(client, cast.ada)
    response = client.post(
        reverse("api:clients"),
        {"name": "Khác", "agency": cast.centre_b.pk, "roles": [Role.RECEIVING_OFFICER]},
    )
    assert response.status_code == 400
    assert not ApiClient.objects.exists()


def test_the_administrator_revokes_a_key_and_it_is_refused_at_once(client, keys):
    login_verified(client, keys.ada)
    response = client.post(reverse("api:client-revoke", args=[keys.counter_client.pk]))
    assert response.status_code == 302
    keys.counter_client.refresh_from_db()
    assert keys.counter_client.revoked_at is not None
    assert not keys.counter_client.user.is_active
    assert api(keys.counter_key).get(reverse("api:dossiers")).status_code == 401
    assert AuditEvent.objects.filter(action="api_client_revoke").count() == 1


def test_another_communes_key_cannot_be_revoked_from_here(client, keys):
    login_verified(client, keys.ada)
    response = client.post(reverse("api:client-revoke", args=[keys.other_client.pk]))
    assert response.status_code == 404
    keys.other_client.refresh_from_db()
    assert keys.other_client.revoked_at is None


@pytest.mark.parametrize("who", ["alice", "ivy", "bob"])
def test_staff_who_are_not_administrators_cannot_open_the_page(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("api:clients")).status_code in (403, 404)


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("api:clients"))
    assert response.status_code == 302 and "next=" in response["Location"]

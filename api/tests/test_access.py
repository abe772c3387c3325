"""Who may call what: keys, their scope, revocation, and R5 for machine clients."""

import pytest
from django.urls import reverse

from api.models import ApiClient
from api.services import api_client_revoke
from api.tests.conftest import api
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def dossier_urls(pk: int) -> list[str]:
    return [
        reverse("api:dossier", args=[pk]),
        reverse("api:dossier-documents", args=[pk]),
        reverse("api:dossier-payments", args=[pk]),
    ]


def test_a_call_without_a_key_is_401_in_json_with_a_vietnamese_message(keys):
    response = api().get(reverse("api:dossiers"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json()["code"] == "not_authenticated"
    assert "khóa API" in response.json()["message"]


@pytest.mark.parametrize(
    "header",
    ["Api-Key mc_nothing.wrong", "Api-Key garbage", "Api-Key", "Api-Key a b", "Api-Key mc_x."],
)
def test_a_malformed_or_unknown_key_is_refused(keys, header):
    client = api()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(reverse("api:dossiers"))
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_key"


def test_a_key_with_a_wrong_secret_is_refused(keys):
    prefix = keys.counter_client.key_prefix
    response = api(f"mc_{prefix}.not-the-secret").get(reverse("api:dossiers"))
    assert response.status_code == 401


def test_the_key_is_stored_only_as_a_hash(keys):
    secret = keys.counter_key.partition(".")[2]
    stored = ApiClient.objects.get(pk=keys.counter_client.pk)
    assert secret not in stored.key_hash and secret not in stored.key_prefix
    assert not stored.user.has_usable_password()


def test_a_revoked_key_is_refused_from_the_next_call(keys):
    assert api(keys.counter_key).get(reverse("api:dossiers")).status_code == 200
    api_client_revoke(client_id=keys.counter_client.pk, actor=keys.sam)
    response = api(keys.counter_key).get(reverse("api:dossiers"))
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_key"


def test_another_communes_dossier_is_404_for_its_key_and_absent_from_its_list(keys):
    other = api(keys.other_key)
    for url in dossier_urls(keys.dossier.pk):
        response = other.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"
    transition = other.post(
        reverse("api:dossier-transition", args=[keys.dossier.pk]),
        {"action": "assign", "version": keys.dossier.version},
        format="json",
    )
    assert transition.status_code == 404
    assert other.get(reverse("api:dossiers")).json()["results"] == []


def test_the_communes_own_keys_and_the_committees_see_the_dossier(keys):
    for key in (keys.counter_key, keys.reader_key, keys.handler_key):
        for url in dossier_urls(keys.dossier.pk):
            assert api(key).get(url).status_code == 200, url
        codes = [row["code"] for row in api(key).get(reverse("api:dossiers")).json()["results"]]
        assert codes == [keys.dossier.code]


def test_a_read_only_key_cannot_write(keys):
    reader = api(keys.reader_key)
    response = reader.post(
        reverse("api:dossier-transition", args=[keys.dossier.pk]),
        {"action": "refuse", "version": keys.dossier.version, "reason": "Thiếu giấy tờ"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "chỉ đọc" in response.json()["message"]
    receive = reader.post(reverse("api:dossiers"), {}, format="json")
    assert receive.status_code == 403
    keys.dossier.refresh_from_db()
    assert keys.dossier.version == 1


def test_a_key_acts_only_with_its_roles(keys):
    """The counter's key may not approve: the workflow refuses it, as it would refuse Alice."""
    response = api(keys.counter_key).post(
        reverse("api:dossier-transition", args=[keys.dossier.pk]),
        {"action": "approve", "version": keys.dossier.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "refused"


def test_every_call_of_a_client_is_audited_without_its_query_string(keys):
    before = AuditEvent.objects.filter(action="api_call").count()
    api(keys.counter_key).get(reverse("api:dossiers"), {"q": "001090012345"})
    api(keys.other_key).get(reverse("api:dossier", args=[keys.dossier.pk]))
    rows = list(AuditEvent.objects.filter(action="api_call").order_by("id"))[before:]
    assert [(row.actor_id, row.new_values["status"]) for row in rows] == [
        (keys.counter_client.user_id, 200),
        (keys.other_client.user_id, 404),
    ]
    assert rows[0].agency_code == keys.centre_a.code
    assert all("001090012345" not in str(row.new_values) for row in rows)


def test_past_the_limit_a_key_gets_429_with_retry_after(keys, settings):
    settings.API_RATE_LIMIT = 2
    client = api(keys.counter_key)
    statuses = [client.get(reverse("api:dossiers")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get(reverse("api:dossiers"))
    assert int(response["Retry-After"]) >= 1
    assert response.json()["code"] == "rate_limited"
    # Another key has its own bucket.
    assert api(keys.reader_key).get(reverse("api:dossiers")).status_code == 200

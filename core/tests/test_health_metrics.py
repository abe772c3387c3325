"""/healthz tells a load balancer which part is down; /metrics gives Prometheus the requests,
their latency, the queue's depth and today's dossiers by channel — with no personal data, and
only to the scraper (issue 20)."""

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse

from dossiers.services import dossier_receive
from dossiers.tests.conftest import office as office  # noqa: F401 - a fixture, used by name
from dossiers.tests.conftest import reception_for

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_queue_and_storage_answer(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-created-yet" / "media"  # a new instance: no folder yet
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "queue": "ok", "storage": "ok"},
    }


def test_health_names_the_storage_that_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "the file folder cannot be written"
    assert response.json()["checks"]["database"] == "ok"


def test_health_names_a_queue_that_does_not_answer(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_TIMEOUT": 1}}
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "the task queue does not answer"


def test_health_names_a_database_that_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "the database does not answer"


def _metrics(client, **headers) -> str:
    response = client.get(reverse("core:metrics"), **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_metrics_count_pages_by_pattern_without_numbers_or_names(client, office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    client.force_login(office.alice)
    assert client.get(reverse("dossiers:dossier", args=[dossier.pk])).status_code == 200
    client.get(reverse("portal:lookup"), {"ma": dossier.code})
    text = _metrics(client)
    page = 'page="can-bo/ho-so/<id:pk>/"'
    assert f'motcua_http_requests_total{{method="GET",{page},status="2xx"}}' in text
    assert f'motcua_http_request_seconds_bucket{{le="0.3",{page}}}' in text
    assert 'motcua_dossiers_received_today{channel="direct"} 1.0' in text
    assert "motcua_task_queue_depth" in text
    for personal in (dossier.code, "Nguyễn", "001090012345", "0912345678", f"/{dossier.pk}/"):
        assert personal not in text


def test_metrics_are_for_this_machine_or_the_holder_of_the_token(client, settings):
    elsewhere = {"REMOTE_ADDR": "203.0.113.5"}
    assert client.get(reverse("core:metrics"), **elsewhere).status_code == 404
    settings.METRICS_TOKEN = "s3cret-scraper-token"
    assert client.get(reverse("core:metrics")).status_code == 404  # the token is now required
    wrong = {"HTTP_AUTHORIZATION": "Bearer guess"}
    assert client.get(reverse("core:metrics"), **wrong, **elsewhere).status_code == 404
    right = {"HTTP_AUTHORIZATION": "Bearer s3cret-scraper-token"}
    assert "motcua_http_requests_total" in _metrics(client, **right, **elsewhere)

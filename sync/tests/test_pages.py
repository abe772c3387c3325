"""The staff page of dossiers the portal is behind on: scoped like the dossiers (R5), "send
again" audited, a constant number of queries, and the 766 "dossiers synced" rate."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.events import events_sweep
from core.models import AuditEvent
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from sync.models import DossierSync
from sync.selectors import synced_rate
from sync.worker import sync_due

pytestmark = pytest.mark.django_db

PAGE = reverse("sync:unsynced")


def failing(office, portal, count=1):
    portal.fail_next = 1000
    dossiers = [
        dossier_receive(reception=reception_for(office), actor=office.alice) for _ in range(count)
    ]
    events_sweep()
    sync_due()
    return dossiers


def test_the_page_lists_what_the_portal_refused_and_why(client, office, portal):
    (dossier,) = failing(office, portal)
    client.force_login(office.alice)
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert dossier.code in text and "Cổng báo lỗi (HTTP 503)" in text
    assert "Chưa có trên Cổng" in text  # never synced yet


def test_another_communes_officer_sees_nothing_and_cannot_send_again(client, office, portal):
    failing(office, portal)
    row = DossierSync.objects.get()
    client.force_login(office.bob)
    assert row.dossier.code not in client.get(PAGE).content.decode()
    answer = client.post(reverse("sync:send-again", args=[row.pk]))
    assert answer.status_code == 404
    assert DossierSync.objects.get().attempts == 1


def test_anonymous_visitors_go_to_the_login_page(client, office):
    assert client.get(PAGE).status_code == 302
    assert client.post(reverse("sync:send-again", args=[1])).status_code == 302


def test_send_again_makes_it_due_now_and_is_audited(client, office, portal):
    failing(office, portal)
    row = DossierSync.objects.get()
    assert row.next_attempt_at > timezone.now()
    client.force_login(office.alice)
    answer = client.post(reverse("sync:send-again", args=[row.pk]))
    assert answer.status_code == 302
    row.refresh_from_db()
    assert row.attempts == 0 and row.next_attempt_at <= timezone.now()
    assert AuditEvent.objects.filter(action="sync.send_again", object_id=str(row.dossier_id))
    portal.fail_next = 0
    assert sync_due() == 1
    assert client.get(PAGE).content.decode().count("dossier-code") == 0


def test_the_page_makes_the_same_number_of_queries_for_1_or_12_dossiers(client, office, portal):
    client.force_login(office.alice)
    failing(office, portal, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(PAGE)
    failing(office, portal, 11)
    with CaptureQueriesContext(connection) as twelve:
        assert client.get(PAGE).content.decode().count('class="dossier-code"') == 12
    assert len(twelve) == len(one)


def test_the_synced_rate_counts_received_dossiers_the_portal_holds_as_they_stand(office, portal):
    start = timezone.now() - timedelta(days=1)
    end = timezone.now() + timedelta(days=1)
    agencies = [office.centre_a.pk]
    first, second = (
        dossier_receive(reception=reception_for(office), actor=office.alice) for _ in range(2)
    )
    events_sweep()
    assert synced_rate(agency_ids=agencies, start=start, end=end).percent == 0
    portal.refuse.add(second.code)
    sync_due()
    rate = synced_rate(agency_ids=agencies, start=start, end=end)
    assert (rate.synced, rate.received, rate.percent) == (1, 2, 50.0)
    assert synced_rate(agency_ids=[office.centre_b.pk], start=start, end=end).percent is None


def test_the_dossier_page_says_where_the_dossier_stands_with_the_portal(client, office, portal):
    (dossier,) = failing(office, portal)
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Chưa có trên Cổng." in page and "Cổng báo lỗi (HTTP 503)" in page
    portal.fail_next = 0
    DossierSync.objects.update(next_attempt_at=timezone.now())
    sync_due()
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Cổng hiển thị “Được tiếp nhận”" in page

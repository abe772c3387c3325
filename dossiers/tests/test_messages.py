"""Agency administrators word the messages sent to applicants."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from conftest import login_verified
from core.models import AuditEvent
from dossiers.messages import fill
from dossiers.models import MessageTemplate

pytestmark = pytest.mark.django_db


def test_placeholders_are_filled_and_typos_are_printed_as_typed():
    assert fill("Hồ sơ {code} hẹn {due}", {"code": "X-1", "due": "05/03"}) == "Hồ sơ X-1 hẹn 05/03"
    assert fill("Hồ sơ {cdoe} {", {"code": "X-1"}) == "Hồ sơ {cdoe} {"


def test_an_agency_administrator_rewords_a_message_and_can_go_back_to_the_default(client, cast):
    login_verified(client, cast.ada)
    url = reverse("dossiers:message-texts") + f"?agency={cast.committee_a.pk}"
    client.post(url, {"received-sms": "Xa An da nhan ho so {code}"})
    stored = MessageTemplate.objects.get(agency=cast.committee_a, event="received", channel="sms")
    assert stored.text == "Xa An da nhan ho so {code}"
    assert AuditEvent.objects.filter(action="message_texts_change").count() == 1
    client.post(url, {"received-sms": ""})
    assert not MessageTemplate.objects.exists()


def test_officers_cannot_change_the_messages(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("dossiers:message-texts")).status_code == 403
    assert client.post(reverse("dossiers:message-texts"), {"received-sms": "x"}).status_code == 403
    assert not MessageTemplate.objects.exists()


def test_an_administrator_cannot_word_another_communes_messages(client, cast):
    login_verified(client, cast.ada)
    url = reverse("dossiers:message-texts") + f"?agency={cast.committee_b.pk}"
    assert client.post(url, {"received-sms": "x"}).status_code == 404
    assert not MessageTemplate.objects.exists()


def test_an_agency_administrator_words_the_messages_of_an_agency_below(client, cast):
    # Ada administers commune A's committee; its one-stop centre is an agency below it.
    login_verified(client, cast.ada)
    page = client.get(reverse("dossiers:message-texts"))
    assert cast.centre_a in page.context["agencies"]
    assert cast.centre_b not in page.context["agencies"]
    url = reverse("dossiers:message-texts") + f"?agency={cast.centre_a.pk}"
    client.post(url, {"result_ready-email": "  Trung tâm xin báo: hồ sơ {code} đã có kết quả\x00 "})
    stored = MessageTemplate.objects.get(agency=cast.centre_a)
    assert (stored.event, stored.channel) == ("result_ready", "email")
    assert stored.text == "Trung tâm xin báo: hồ sơ {code} đã có kết quả"
    audit = AuditEvent.objects.get(action="message_texts_change")
    assert (audit.agency_code, audit.new_values) == (
        cast.centre_a.code,
        {"changed": ["result_ready-email"]},
    )


def test_nothing_is_saved_when_the_audit_row_cannot_be_written(client, cast, monkeypatch):
    def audit_down(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("dossiers.messages.audit_record", audit_down)
    login_verified(client, cast.ada)
    url = reverse("dossiers:message-texts") + f"?agency={cast.committee_a.pk}"
    with pytest.raises(DatabaseError):
        client.post(url, {"received-sms": "a", "received-email": "b"})
    assert not MessageTemplate.objects.exists()

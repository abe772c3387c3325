"""R5 and R12 for drafts for public comment: publishers of commune A write its drafts, the
counter officer and the inspector read them, the hamlet's data officer cannot, another commune
gets 404 for every role."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from disclosure import drafts
from disclosure.models import Draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(people):
    def make(agency, title):
        made = drafts.draft_create(
            actor=None,
            agency=agency,
            title=title,
            summary="Tóm tắt",
            body="Nội dung",
            opens_on=date(2026, 3, 1),
            closes_on=date(2026, 3, 31),
        )
        return made

    return {
        "a": make(people.committee_a, "Dự thảo Xã An"),
        "b": make(people.committee_b, "Dự thảo Xã Bình"),
    }


def write_posts(draft):
    return [
        reverse("disclosure:draft-edit", args=[draft.pk]),
        reverse("disclosure:draft-publish", args=[draft.pk]),
        reverse("disclosure:draft-summarise", args=[draft.pk]),
    ]


def test_anonymous_users_are_sent_to_log_in(client, pair):
    for url in [reverse("disclosure:staff-drafts"), reverse("disclosure:draft-new")]:
        assert "/dang-nhap/" in client.get(url).url
    assert "/dang-nhap/" in client.get(reverse("disclosure:draft-staff", args=[pair["a"].pk])).url
    for url in write_posts(pair["a"]):
        assert client.post(url).status_code == 302


def test_another_communes_draft_is_404_for_every_role(client, people, pair):
    for user in (people.sophie, people.alice, people.ivy):
        client.force_login(user)
        assert client.get(reverse("disclosure:draft-staff", args=[pair["b"].pk])).status_code == 404
        assert (
            "Dự thảo Xã Bình" not in client.get(reverse("disclosure:staff-drafts")).content.decode()
        )
    client.force_login(people.sophie)
    for url in write_posts(pair["b"]):
        assert client.post(url, {"version": 1}).status_code == 404


def test_readers_read_and_only_publishers_write(client, people, pair):
    for user in (people.alice, people.ivy):
        client.force_login(user)
        assert client.get(reverse("disclosure:draft-staff", args=[pair["a"].pk])).status_code == 200
        assert client.get(reverse("disclosure:draft-new")).status_code == 403
        for url in write_posts(pair["a"]):
            assert client.post(url, {"version": 1}).status_code == 403
    assert Draft.objects.get(pk=pair["a"].pk).published_on is None


def test_the_hamlet_data_officer_cannot_open_drafts(client, people, pair):
    client.force_login(people.hana)
    assert client.get(reverse("disclosure:staff-drafts")).status_code == 403
    assert client.get(reverse("disclosure:draft-staff", args=[pair["a"].pk])).status_code == 403
    for url in write_posts(pair["a"]):
        assert client.post(url, {"version": 1}).status_code == 403


def test_publishing_without_a_csrf_token_is_refused(people, pair):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.sophie)
    assert client.post(write_posts(pair["a"])[0], {"version": 1}).status_code == 403
    assert Draft.objects.get(pk=pair["a"].pk).published_on is None


def test_an_unpublished_draft_is_not_on_the_public_site(client, pair):
    assert client.get(reverse("disclosure:draft-public", args=[pair["a"].pk])).status_code == 404
    assert "Dự thảo Xã An" not in client.get(reverse("disclosure:drafts-public")).content.decode()

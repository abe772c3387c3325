"""R5 on the roster's staff pages: the cast × GET/POST — nobody reaches another commune's
roster, and only the keepers of a centre's roster reach it at all."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import login_verified
from counter.models import DutyShift
from counter.tests.factories import DutyShiftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shifts(cast):
    return {
        "a": DutyShiftFactory(agency=cast.centre_a, helper_name="Người trực A"),
        "b": DutyShiftFactory(agency=cast.centre_b, helper_name="Người trực B"),
    }


def roster_url(agency):
    return f"{reverse('counter:roster')}?co_quan={agency.code}"


def remove_url(shift):
    return reverse("counter:shift-remove", args=[shift.pk])


def requests(cast, shifts):
    """Every (method, url, data) of the staff pages, for each commune."""
    day = (timezone.localdate() + timedelta(days=1)).isoformat()
    add = {
        "day": day,
        "half_day": "morning",
        "counter": "Quầy 9",
        "helper_name": "Người mới",
        "organisation": "youth_union",
    }
    result = {}
    for key, agency in (("a", cast.centre_a), ("b", cast.centre_b)):
        result[key] = [
            ("get", roster_url(agency), None),
            ("post", roster_url(agency), {**add, "co_quan": agency.code, "tuan": day}),
            ("get", remove_url(shifts[key]), None),
            ("post", remove_url(shifts[key]), {}),
            ("post", remove_url(shifts[key]), {"confirm": "1"}),
        ]
    return result


def test_anonymous_visitors_are_sent_to_login_and_nothing_changes(client, cast, shifts):
    for key in ("a", "b"):
        for method, url, data in requests(cast, shifts)[key]:
            response = getattr(client, method)(url, data or {})
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(reverse("core:login")), url
    assert DutyShift.objects.count() == 2


@pytest.mark.parametrize("name, own", [("alice", "a"), ("bob", "b"), ("ada", "a")])
def test_a_keeper_reaches_the_own_centre_and_gets_404_for_the_other(
    client, cast, shifts, name, own
):
    other = "b" if own == "a" else "a"
    login_verified(client, getattr(cast, name))
    calls = requests(cast, shifts)

    for method, url, data in calls[other]:
        response = getattr(client, method)(url, data or {})
        if method == "get" and "xoa" in url:
            assert response.status_code == 405, url  # removing is a POST
        else:
            assert response.status_code == 404, (name, method, url)
    assert DutyShift.objects.filter(pk=shifts[other].pk).exists()
    assert not DutyShift.objects.filter(helper_name="Người mới").exists()

    get_roster, add, _get_remove, ask, confirm = calls[own]
    assert client.get(get_roster[1]).status_code == 200
    assert client.post(add[1], add[2]).status_code == 302
    assert client.post(ask[1], {}).status_code == 200  # asks once
    assert client.post(confirm[1], confirm[2]).status_code == 302
    assert not DutyShift.objects.filter(pk=shifts[own].pk).exists()


def test_an_inspector_and_a_volunteer_are_refused_everywhere(client, cast, shifts):
    from counter.tests.factories import volunteer_of

    for user in (cast.ivy, volunteer_of(cast.centre_a)):
        client.force_login(user)
        for key in ("a", "b"):
            for method, url, data in requests(cast, shifts)[key]:
                response = getattr(client, method)(url, data or {})
                assert response.status_code in (403, 405), (user, method, url)
    assert DutyShift.objects.count() == 2


def test_the_system_administrator_reaches_both_communes(client, cast, shifts):
    login_verified(client, cast.sam)
    for agency in (cast.centre_a, cast.centre_b):
        assert client.get(roster_url(agency)).status_code == 200


def test_no_staff_request_answers_2xx_to_someone_without_the_right(client, cast, shifts):
    """Across the whole cast: a 2xx only for a keeper of that commune's centre."""
    keepers = {"a": {"alice", "ada", "sam"}, "b": {"bob", "sam"}}
    for name in ("alice", "bob", "ivy", "ada", "sam"):
        user = getattr(cast, name)
        login_verified(client, user)
        # The writes are checked above; here the pages must not even open.
        for key in ("a", "b"):
            for method, url, data in requests(cast, shifts)[key]:
                if data and data.get("confirm"):
                    continue
                response = getattr(client, method)(url, data or {})
                if name not in keepers[key]:
                    assert not 200 <= response.status_code < 300, (name, method, url)
        client.logout()


def test_a_post_without_a_csrf_token_is_refused(cast, shifts):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    response = client.post(remove_url(shifts["a"]), {"confirm": "1"})
    assert response.status_code == 403
    response = client.post(
        roster_url(cast.centre_a), {"counter": "Quầy 1", "helper_name": "X", "day": "x"}
    )
    assert response.status_code == 403
    assert DutyShift.objects.count() == 2


def test_the_menu_shows_the_roster_to_its_keepers_only(client, cast):
    client.force_login(cast.alice)
    page = client.get(reverse("org:staff-home")).content.decode()
    assert reverse("counter:roster") in page
    client.force_login(cast.ivy)
    page = client.get(reverse("org:staff-home")).content.decode()
    assert reverse("counter:roster") not in page

"""R5: every staff URL × the cast × GET/POST — nobody sees another commune's data."""

import pytest
from django.urls import reverse

from conftest import login_verified
from org.access import scope_to_user, visible_agency_ids
from org.models import Agency


def staff_urls(cast):
    return [
        reverse("org:staff-home"),
        reverse("org:agency-list"),
        reverse("org:agency-detail", args=[cast.centre_a.code]),
        reverse("org:agency-detail", args=[cast.centre_b.code]),
        reverse("org:calendar"),
        reverse("org:audit-log"),
        reverse("api:clients"),  # an agency administrator's API keys
        reverse("admin:index"),
        reverse("admin:org_agency_changelist"),
    ]


def test_anonymous_visitors_are_sent_to_login_from_every_staff_page(client, cast):
    for url in staff_urls(cast):
        for method in (client.get, client.post):
            response = method(url, follow=True)
            assert response.redirect_chain, url
            assert response.request["PATH_INFO"] == reverse("core:login"), url


def test_an_officer_of_commune_a_sees_nothing_of_commune_b(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("org:agency-detail", args=[cast.centre_b.code])).status_code == 404
    assert client.get(reverse("org:agency-detail", args=[cast.committee_b.code])).status_code == 404
    listing = client.get(reverse("org:agency-list")).content.decode()
    assert cast.centre_a.name in listing
    assert cast.centre_b.name not in listing
    assert cast.committee_b.name not in listing


def test_an_officer_of_commune_b_sees_nothing_of_commune_a(client, cast):
    client.force_login(cast.bob)
    assert client.get(reverse("org:agency-detail", args=[cast.centre_a.code])).status_code == 404
    listing = client.get(reverse("org:agency-list")).content.decode()
    assert cast.centre_b.name in listing
    assert cast.centre_a.name not in listing


def test_a_role_in_the_commune_committee_covers_the_agencies_below_it(cast):
    assert visible_agency_ids(cast.ivy) == {cast.committee_a.pk, cast.centre_a.pk}
    assert visible_agency_ids(cast.alice) == {cast.centre_a.pk}


def test_no_staff_page_answers_2xx_to_someone_without_the_right(client, cast):
    """Officers may open the pages of their own agencies only; the audit log and the admin are
    for inspectors, agency admins and system admins."""
    allowed = {
        "alice": {
            reverse("org:staff-home"),
            reverse("org:agency-list"),
            reverse("org:agency-detail", args=[cast.centre_a.code]),
            reverse("org:calendar"),
        },
        "bob": {
            reverse("org:staff-home"),
            reverse("org:agency-list"),
            reverse("org:agency-detail", args=[cast.centre_b.code]),
            reverse("org:calendar"),
        },
        "ivy": {
            reverse("org:staff-home"),
            reverse("org:agency-list"),
            reverse("org:agency-detail", args=[cast.centre_a.code]),
            reverse("org:calendar"),
            reverse("org:audit-log"),
        },
    }
    for name, urls in allowed.items():
        client.force_login(getattr(cast, name))
        for url in staff_urls(cast):
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                ok = 200 <= response.status_code < 300
                if url in urls and method == "get":
                    assert ok, (name, url, response.status_code)
                elif method == "get" or url not in urls:
                    # POST to a read-only page is refused (405) or, for the admin, redirected.
                    assert not ok, (name, method, url, response.status_code)
        client.logout()


def test_the_system_administrator_sees_every_agency(client, cast):
    login_verified(client, cast.sam)
    listing = client.get(reverse("org:agency-list")).content.decode()
    for agency in Agency.objects.all():
        assert agency.name in listing
    assert client.get(reverse("admin:org_agency_changelist")).status_code == 200


def test_an_agency_administrator_cannot_open_the_django_admin(client, cast):
    login_verified(client, cast.ada)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_scoping_a_query_returns_only_visible_rows(cast):
    rows = scope_to_user(Agency.objects.all(), cast.bob, agency_field="self")
    assert set(rows) == {cast.centre_b}


@pytest.mark.parametrize("who", ["anonymous", "inactive"])
def test_nobody_without_an_active_account_sees_any_agency(cast, who, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser()
    if who == "inactive":
        user = cast.alice
        user.is_active = False
    assert visible_agency_ids(user) == frozenset()


def test_a_user_with_roles_in_two_agencies_sees_both(client, cast):
    from org.models import Role
    from org.tests.factories import give_role

    give_role(cast.alice, cast.centre_b, Role.SPECIALIST)
    client.force_login(cast.alice)
    listing = client.get(reverse("org:agency-list")).content.decode()
    assert cast.centre_a.name in listing and cast.centre_b.name in listing
    assert cast.committee_b.name not in listing


def test_a_volunteer_role_in_another_commune_shows_none_of_its_agencies(cast):
    from org.models import Role
    from org.tests.factories import give_role

    give_role(cast.alice, cast.centre_b, Role.VOLUNTEER)  # helps at commune B's counter too
    seen = visible_agency_ids(cast.alice)
    assert cast.centre_a.pk in seen
    assert cast.centre_b.pk not in seen  # guidance screens there, never its dossiers

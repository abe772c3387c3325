"""The scorecard and its drill-down as staff see them: each sees its own agencies (R5), the
inspection team reads, the province sees every commune, and missing data says so."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from org.models import Role
from org.tests.factories import AgencyFactory, UserFactory, give_role
from reports.tests.conftest import make_dossier, vn

pytestmark = pytest.mark.django_db
Q1 = {"start": "01/01/2026", "end": "31/03/2026"}


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:index766"), params)


def drill(client, user, key, **params):
    client.force_login(user)
    return client.get(reverse("reports:index766-indicator", args=[key]), params)


def test_the_inspection_team_reads_its_communes_scorecard(client, quarter):
    response = page(client, quarter.ivy, **Q1)
    assert response.status_code == 200
    text = response.content.decode()
    assert "53,39" in text  # the total, as Vietnamese write decimals
    assert "chưa có dữ liệu" in text
    assert "chưa xác nhận" in text
    assert "−4,00" in text  # the points lost on progress


def test_the_scorecard_starts_from_the_highest_agency_the_user_sees(client, quarter):
    response = page(client, quarter.ivy, **Q1)
    assert response.context["card"].agency == quarter.committee_a


def test_another_communes_agency_cannot_be_chosen(client, quarter):
    response = page(client, quarter.bob, agency=quarter.committee_a.pk, **Q1)
    assert response.status_code == 200
    assert "card" not in response.context
    assert "agency" in response.context["form"].errors


def test_another_communes_drill_down_is_not_found(client, quarter):
    response = drill(client, quarter.bob, "progress-on-time", agency=quarter.committee_a.pk, **Q1)
    assert response.status_code == 404


def test_the_province_sees_every_commune(client, quarter):
    province = AgencyFactory(name="Ủy ban nhân dân tỉnh Thử", kind="provincial_committee")
    for committee in (quarter.committee_a, quarter.committee_b):
        committee.parent = province
        committee.save(update_fields=["parent"])
    director = UserFactory(username="giamdoc")
    give_role(director, province, Role.LEADER)
    response = page(client, director, **Q1)
    assert response.context["card"].agency == province
    chosen = {a.pk for a in response.context["form"].fields["agency"].queryset}
    assert {quarter.committee_a.pk, quarter.committee_b.pk} <= chosen


def test_the_drill_down_shows_the_late_dossiers_first(client, quarter):
    response = drill(client, quarter.ivy, "progress-on-time", **Q1)
    assert response.status_code == 200
    shown = [dossier.code for dossier in response.context["page"]]
    assert sorted(shown) == sorted(d.code for d in quarter.late)
    assert reverse("dossiers:dossier", args=[quarter.late[0].pk]) in response.content.decode()


def test_the_drill_down_of_an_indicator_without_data_says_so(client, quarter):
    response = drill(client, quarter.ivy, "population-database-dossiers", **Q1)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "chưa có dữ liệu" in response.content.decode().lower()


def test_an_unknown_indicator_is_not_found(client, quarter):
    assert drill(client, quarter.ivy, "no-such-indicator", **Q1).status_code == 404


@pytest.mark.parametrize("bad", [{"start": "31/02/2026"}, {"start": "x"}, {"end": "01/01/2020"}])
def test_a_bad_period_is_explained_not_failed(client, quarter, bad):
    response = page(client, quarter.ivy, **(Q1 | bad))
    assert response.status_code == 200
    assert response.context["form"].errors


def test_anonymous_users_go_to_the_login_page(client, quarter):
    response = client.get(reverse("reports:index766"))
    assert response.status_code == 302


def test_a_volunteer_is_refused(client, quarter):
    helper = UserFactory(username="tinhnguyen")
    give_role(helper, quarter.centre_a, Role.VOLUNTEER)
    client.force_login(helper)
    assert client.get(reverse("reports:index766")).status_code == 403


def test_the_scorecard_takes_the_same_number_of_queries_whatever_the_dossiers(client, quarter):
    client.force_login(quarter.ivy)
    url = reverse("reports:index766")
    with CaptureQueriesContext(connection) as before:
        client.get(url, Q1)
    from types import SimpleNamespace

    place = SimpleNamespace(centre=quarter.centre_a, committee=quarter.committee_a)
    for day in range(5, 25):
        make_dossier(place, version=quarter.version, received=vn(2026, 2, day, 8), scanned=True)
    with CaptureQueriesContext(connection) as after:
        client.get(url, Q1)
    assert len(after) == len(before)

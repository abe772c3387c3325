"""R5 and R12 for inspections: the inspection team writes, the leader reads, the owner of an
action reads its inspection, a hamlet's data officer and a volunteer read nothing, another
commune's inspection is 404 for every role, anonymous users are sent to log in."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import login_verified
from inspection import services
from inspection.models import Inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspections(team):
    def start(agency, actor):
        return services.inspection_start(
            actor=actor,
            agency=agency,
            checklist=team.checklist,
            inspected_on=date(2026, 3, 10),
            team="Tổ kiểm tra",
        )

    return {"a": start(team.centre_a, team.ivy), "b": start(team.centre_b, team.iris)}


def read_urls(inspection):
    return [
        reverse("inspection:detail", args=[inspection.pk]),
        reverse("inspection:report", args=[inspection.pk]),
    ]


def write_posts(inspection):
    finding = inspection.findings.first()
    return [
        reverse("inspection:finding", args=[inspection.pk, finding.pk]),
        reverse("inspection:evidence", args=[inspection.pk]),
        reverse("inspection:action", args=[inspection.pk]),
        reverse("inspection:outcome", args=[inspection.pk]),
        reverse("inspection:close", args=[inspection.pk]),
    ]


def test_anonymous_users_are_sent_to_log_in(client, inspections):
    for url in [reverse("inspection:list"), reverse("inspection:new")]:
        assert "/dang-nhap/" in client.get(url).url
    for response in [
        *[client.get(url) for url in read_urls(inspections["a"])],
        *[client.post(url) for url in write_posts(inspections["a"])],
    ]:
        assert response.status_code == 302 and "/dang-nhap/" in response.url


def test_another_communes_inspection_is_404_for_every_role(client, team, inspections):
    for user in (team.ivy, team.leo, team.alice, team.ada):
        login_verified(client, user)
        for url in read_urls(inspections["b"]):
            assert client.get(url).status_code == 404, (user.username, url)
        assert "Xã Bình" not in client.get(reverse("inspection:list")).content.decode()
    client.force_login(team.ivy)  # an inspector's role writes, but not commune B's
    for url in write_posts(inspections["b"]):
        assert client.post(url, {}).status_code == 404, url


def test_the_leader_reads_but_only_the_team_writes(client, team, inspections):
    client.force_login(team.leo)
    for url in read_urls(inspections["a"]):
        assert client.get(url).status_code == 200
    assert client.get(reverse("inspection:new")).status_code == 403
    for url in write_posts(inspections["a"]):
        assert client.post(url, {}).status_code == 403, url
    page = client.get(reverse("inspection:detail", args=[inspections["a"].pk])).content.decode()
    assert "Kết luận cuộc kiểm tra" not in page  # no write forms for a reader


def test_a_counter_officer_without_an_action_does_not_see_the_inspection(client, team, inspections):
    client.force_login(team.alice)
    assert client.get(read_urls(inspections["a"])[0]).status_code == 404


def test_the_hamlet_data_officer_cannot_open_inspections(client, team, inspections):
    client.force_login(team.hana)
    assert client.get(reverse("inspection:list")).status_code == 403
    for url in read_urls(inspections["a"]):
        assert client.get(url).status_code == 403
    for url in write_posts(inspections["a"]):
        assert client.post(url, {}).status_code == 403


def test_the_inspection_team_still_reads_dossiers_read_only(client, team):
    client.force_login(team.ivy)
    assert client.get(reverse("dossiers:queue")).status_code == 200
    assert client.get(reverse("counter:reception")).status_code == 403


def test_writes_without_a_csrf_token_are_refused(team, inspections):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.ivy)
    for url in write_posts(inspections["a"]):
        assert client.post(url, {}).status_code == 403
    assert Inspection.objects.get(pk=inspections["a"].pk).version == 1

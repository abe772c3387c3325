"""The start page of receiving officers and specialists: the day's work (overdue, due today,
due on the next working day, online submissions with the working hours left to accept them),
scoped to their agencies, in a fixed number of queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Channel
from dossiers.services import Move, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action

pytestmark = pytest.mark.django_db

# Receipts on Monday 02/03/2026 09:00 with a 3-working-day term are due Thursday 05/03 17:00.
MONDAY = "2026-03-02 09:00 +0700"
WEDNESDAY = "2026-03-04 10:00 +0700"
THURSDAY = "2026-03-05 10:00 +0700"
FRIDAY = "2026-03-06 10:00 +0700"


def _receive(office, **changes):
    return dossier_receive(reception=reception_for(office, **changes), actor=office.alice)


def _page(client):
    return client.get(reverse("counter:today"))


def _sections(response) -> dict[str, int]:
    return {work.key: work.count for work in response.context["work"].lists}


def test_officers_land_on_their_day_after_logging_in_and_others_on_the_overview(client, cast):
    client.force_login(cast.alice)
    assert client.get(reverse("counter:start"))["Location"] == reverse("counter:today")
    client.force_login(cast.ivy)
    assert client.get(reverse("counter:start"))["Location"] == reverse("org:staff-home")


def test_the_login_form_sends_an_officer_to_the_days_work(client, cast):
    from conftest import PASSWORD

    response = client.post(reverse("core:login"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("counter:start")


def test_the_day_lists_what_is_due_today_tomorrow_and_overdue(client, office):
    with time_machine.travel(MONDAY, tick=False):
        due_thursday = _receive(office)
    with time_machine.travel("2026-02-26 09:00 +0700", tick=False):
        due_tuesday = _receive(office)  # due 03/03: overdue by Thursday
    with time_machine.travel("2026-03-03 09:00 +0700", tick=False):
        due_friday = _receive(office)
    client.force_login(office.alice)
    with time_machine.travel(THURSDAY, tick=False):
        response = _page(client)
    lists = {work.key: work for work in response.context["work"].lists}
    assert [d.code for d in lists["today"].rows] == [due_thursday.code]
    assert [d.code for d in lists["next"].rows] == [due_friday.code]
    assert [d.code for d in lists["overdue"].rows] == [due_tuesday.code]
    page = response.content.decode()
    assert "Đến hạn hôm nay" in page
    assert "hạn hôm nay lúc 17:00" in page
    assert "quá hạn 2 ngày làm việc" in page


def test_online_submissions_show_the_working_hours_left_to_accept(client, office):
    with time_machine.travel(MONDAY, tick=False):
        online = _receive(office, channel=Channel.ONLINE)
    client.force_login(office.alice)
    with time_machine.travel("2026-03-02 11:30 +0700", tick=False):
        response = _page(client)
    waiting = next(w for w in response.context["work"].lists if w.key == "online")
    assert [d.code for d in waiting.rows] == [online.code]
    assert "còn 5 giờ 30 phút để tiếp nhận" in response.content.decode()


def test_a_specialist_sees_their_own_and_unassigned_dossiers_only(client, office):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    other = UserFactory(username="tam")
    give_role(other, office.committee_a, Role.SPECIALIST)
    with time_machine.travel(MONDAY, tick=False):
        mine = _receive(office)
        theirs = _receive(office)
        for dossier, assignee in ((mine, office.sophie), (theirs, other)):
            dossier_transition(
                dossier_id=dossier.pk,
                move=Move(action=Action.ASSIGN, expected_version=1, assignee=assignee),
                actor=office.alice,
            )
    client.force_login(office.sophie)
    with time_machine.travel(THURSDAY, tick=False):
        response = _page(client)
    today = next(w for w in response.context["work"].lists if w.key == "today")
    assert [d.code for d in today.rows] == [mine.code]
    assert "online" not in _sections(response)


def test_another_communes_officer_sees_nothing_of_it(client, office):
    with time_machine.travel(MONDAY, tick=False):
        _receive(office)
    client.force_login(office.bob)
    with time_machine.travel(THURSDAY, tick=False):
        response = _page(client)
    assert set(_sections(response).values()) == {0}


def test_inspectors_and_volunteers_have_no_start_page(client, cast):
    client.force_login(cast.ivy)
    assert _page(client).status_code == 403


def test_the_page_uses_the_same_number_of_queries_for_3_or_30_dossiers(client, office):
    def queries() -> int:
        client.force_login(office.alice)
        with time_machine.travel(WEDNESDAY, tick=False), CaptureQueriesContext(connection) as c:
            assert _page(client).status_code == 200
            captured = c
        return len(captured)

    with time_machine.travel(MONDAY, tick=False):
        for _ in range(3):
            _receive(office)
    few = queries()
    with time_machine.travel(MONDAY, tick=False):
        for _ in range(27):
            _receive(office)
    assert queries() == few


def test_a_volunteer_lands_on_the_guidance_screens(client, cast):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    vy = UserFactory(username="vy")
    give_role(vy, cast.centre_a, Role.VOLUNTEER)
    client.force_login(vy)
    response = client.get(reverse("counter:start"), follow=True)
    assert response.request["PATH_INFO"] == reverse("counter:guidance")

"""R5 and R12 for reform plans: the cast extended with the plan's writer (Sophie), a lead unit's
officer (Carl), the counter (Alice), the inspection team (Ivy), a hamlet data officer (Hana) and
another commune (Bob)."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from reform import services
from reform.models import Plan, ProgressReport, Task
from reform.tests.builders import pdf, plan, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):
    own = plan(people.committee_a, actor=people.sophie)
    section_task = task(own, people.section_a, timeline_kind="quarter", quarter=1)
    centre_task = task(own, people.centre_a)
    with time_machine.travel(date(2026, 3, 20), tick=False):
        report = services.progress_report(
            actor=people.sophie,
            task=section_task,
            version=section_task.version,
            reported_on=date(2026, 3, 20),
            status="done",
            percent_done=100,
            note="Xong",
            uploads=[pdf()],
        )
    review = services.review_record(
        actor=people.sophie,
        plan=own,
        quarter=1,
        held_on=date(2026, 4, 3),
        chaired_by="Chủ tịch",
        minutes="Sơ kết",
    )
    return {
        "plan": own,
        "section_task": section_task,
        "centre_task": centre_task,
        "evidence": report.evidence.get(),
        "review": review,
    }


def read_urls(world):
    own, section_task = world["plan"], world["section_task"]
    return [
        reverse("reform:plan", args=[own.pk]),
        reverse("reform:plan-print", args=[own.pk]),
        reverse("reform:import-template", args=[own.pk]),
        reverse("reform:task", args=[own.pk, section_task.pk]),
        reverse("reform:evidence", args=[own.pk, section_task.pk, world["evidence"].pk]),
        reverse("reform:review", args=[own.pk, world["review"].pk]),
        reverse("reform:review-print", args=[own.pk, world["review"].pk]),
    ]


def write_posts(world):
    own, section_task = world["plan"], world["section_task"]
    return [
        reverse("reform:plan-edit", args=[own.pk]),
        reverse("reform:task-new", args=[own.pk]),
        reverse("reform:task-edit", args=[own.pk, section_task.pk]),
        reverse("reform:import", args=[own.pk]),
        reverse("reform:progress", args=[own.pk, section_task.pk]),
        reverse("reform:review-new", args=[own.pk]),
    ]


def test_anonymous_users_are_sent_to_log_in(client, world):
    for url in [reverse("reform:plan-list"), reverse("reform:overdue"), *read_urls(world)]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response.url
    for url in write_posts(world):
        assert client.post(url, {}).status_code == 302


def test_another_communes_plans_are_404_for_every_url(client, people, world):
    client.force_login(people.bob)
    for url in read_urls(world):
        assert client.get(url).status_code == 404, url
    for url in write_posts(world):
        assert client.post(url, {}).status_code in (403, 404), url
    listed = client.get(reverse("reform:plan-list")).context["plans"]
    assert listed == []


def test_a_specialist_of_another_commune_gets_404_on_writes(client, people, world):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    bea = UserFactory(username="bea")
    give_role(bea, people.committee_b, Role.SPECIALIST)
    client.force_login(bea)
    for url in write_posts(world):
        assert client.post(url, {}).status_code == 404, url
    assert Plan.objects.get().version == world["plan"].version


def test_the_inspection_team_reads_every_page_and_writes_nothing(client, people, world):
    client.force_login(people.ivy)
    for url in read_urls(world):
        assert client.get(url).status_code == 200, url
    for url in write_posts(world):
        assert client.post(url, {}).status_code == 403, url
    assert ProgressReport.objects.count() == 1


def test_a_hamlet_data_officer_sees_no_plan(client, people, world):
    client.force_login(people.hana)
    for url in [reverse("reform:plan-list"), *read_urls(world)]:
        assert client.get(url).status_code == 403, url


@time_machine.travel(date(2026, 5, 6), tick=False)
def test_a_lead_units_officer_reports_on_its_own_tasks_only(client, people, world):
    own = world["plan"]
    client.force_login(people.alice)  # the centre's counter officer
    for url in read_urls(world):
        assert client.get(url).status_code == 200, url
    for url in write_posts(world)[:4]:
        assert client.post(url, {}).status_code == 403, url
    centre_task, section_task = world["centre_task"], world["section_task"]
    data = {
        "reported_on": "05/05/2026",
        "status": "in_progress",
        "percent_done": "30",
        "note": "Đang làm",
        "version": centre_task.version,
    }
    url = reverse("reform:progress", args=[own.pk, centre_task.pk])
    assert client.post(url, data).status_code == 302
    assert Task.objects.get(pk=centre_task.pk).percent_done == 30
    url = reverse("reform:progress", args=[own.pk, section_task.pk])
    assert client.post(url, data | {"version": section_task.version}).status_code == 403


def test_the_plans_writer_edits_and_a_post_without_csrf_is_refused(people, world):
    own = world["plan"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.sophie)
    response = client.post(reverse("reform:task-new", args=[own.pk]), {"content": "X"})
    assert response.status_code == 403
    client = Client()
    client.force_login(people.sophie)
    response = client.post(
        reverse("reform:task-new", args=[own.pk]),
        {
            "content": "Cập nhật quy chế làm việc của Bộ phận Một cửa",
            "lead_unit": people.committee_a.pk,
            "timeline_kind": "date",
            "due_on": "30/06/2026",
            "budget": "2.500.000",
        },
    )
    assert response.status_code == 302
    assert Task.objects.get(position=3).budget == 2_500_000


def test_a_task_of_another_plan_is_404_under_this_plan(client, people, world):
    other = plan(people.committee_a, number="12/KH-UBND")
    client.force_login(people.sophie)
    url = reverse("reform:task", args=[other.pk, world["section_task"].pk])
    assert client.get(url).status_code == 404

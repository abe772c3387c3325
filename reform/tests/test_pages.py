"""The reform pages as staff see them: the plan with its task table, the printed plan and its
landscape appendix, bad input answered in Vietnamese, the PAPI page's mapped tasks, the demo."""

import re
import shutil
import subprocess
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.urls import reverse

from reform.models import Plan, Task
from reform.tests.builders import plan, task
from reports.tests.test_statistics_pages import inflated

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(people):
    own = plan(people.committee_a, signer_name="Lê Quang Huy")
    task(
        own,
        people.section_a,
        content="Công khai danh sách hộ nghèo tại nhà văn hóa thôn",
        timeline_kind="date",
        due_on=date(2026, 4, 30),
        budget=15_000_000,
        par_field=8,
        papi_dimension=2,
        coordinating_units=[people.centre_a],
        other_coordinators="Trưởng các thôn",
    )
    task(own, people.centre_a, timeline_kind="quarter", quarter=2, papi_dimension=5)
    return own


@time_machine.travel(date(2026, 5, 6), tick=False)
def test_the_plan_page_shows_each_task_with_its_state_in_words(client, people, filled):
    client.force_login(people.sophie)
    page = client.get(reverse("reform:plan", args=[filled.pk])).content.decode()
    assert "Công khai danh sách hộ nghèo" in page
    assert "15.000.000 đ" in page
    assert "Trước ngày 30/04/2026" in page and "hạn 04/05/2026" in page
    assert "quá hạn 2 ngày làm việc" in page  # due 4/5 after the holidays; 6/5 is 2 days on
    assert "Quý II/2026" in page


def test_the_plan_prints_as_a_pdf_with_a_landscape_appendix(client, people, filled):
    client.force_login(people.ivy)
    response = client.get(reverse("reform:plan-print", args=[filled.pk]), {"pdf": 1})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", inflated(response.content))
    sizes = sorted({(round(float(w)), round(float(h))) for w, h in boxes})
    assert sizes == [(595, 842), (842, 595)]  # the plan on A4 portrait, the appendix landscape
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    for words in ("KẾ HOẠCH", "Số: 426/KH-UBND", "PHỤ LỤC", "Trưởng các", "15.000.000 đ"):
        assert words in text


def test_the_screen_print_view_has_the_same_document(client, people, filled):
    client.force_login(people.sophie)
    page = client.get(reverse("reform:plan-print", args=[filled.pk])).content.decode()
    assert "PHÂN CÔNG NHIỆM VỤ" in page and "official--appendix" in page


@pytest.mark.parametrize(
    "data",
    [
        {"content": "", "lead_unit": "x", "timeline_kind": "date", "due_on": "31/02/2026"},
        {"content": "Việc", "lead_unit": "999999999999999999999", "timeline_kind": "quarter"},
        {"content": "Việc", "timeline_kind": "regular", "budget": "1,5 triệu", "par_field": "9"},
    ],
)
def test_bad_task_input_is_answered_in_vietnamese_never_a_500(client, people, filled, data):
    client.force_login(people.sophie)
    response = client.post(reverse("reform:task-new", args=[filled.pk]), data)
    assert response.status_code == 400
    assert "Vui lòng sửa" in response.content.decode() or "form-errors" in response.content.decode()
    assert Task.objects.filter(plan=filled).count() == 2


def test_a_new_plan_is_issued_by_an_agency_the_writer_belongs_to(client, people):
    client.force_login(people.sophie)
    response = client.post(
        reverse("reform:plan-new"),
        {
            "agency": people.committee_b.pk,
            "number": "1/KH-UBND",
            "issued_on": "05/01/2026",
            "year": "2026",
            "title": "Kế hoạch CCHC năm 2026",
        },
    )
    assert response.status_code == 400 and not Plan.objects.exists()
    response = client.post(
        reverse("reform:plan-new"),
        {
            "agency": people.committee_a.pk,
            "number": "1/KH-UBND",
            "issued_on": "05/01/2026",
            "year": "2026",
            "title": "Kế hoạch CCHC năm 2026",
        },
    )
    assert response.status_code == 302
    assert Plan.objects.get().created_by == people.sophie


def test_the_papi_page_lists_the_communes_tasks_under_each_dimension(client, people, filled):
    client.force_login(people.ivy)
    response = client.get(reverse("reports:papi"), {"year": 2026, "agency": people.committee_a.pk})
    rows = {dimension.value: tasks for dimension, _s, _f, tasks in response.context["rows"]}
    assert [t.content[:20] for t in rows[2]] == ["Công khai danh sách "]
    assert len(rows[5]) == 1 and rows[1] == []
    assert "426/KH-UBND · 1." in response.content.decode()


def test_the_demo_seeds_a_plan_per_commune_once(db):
    from django.core.management import call_command

    call_command("seed_demo", "--force", stdout=StringIO())
    plans = list(Plan.objects.all())
    assert len(plans) == 2
    assert all(p.tasks.count() == 12 for p in plans)
    from reform.demo import reform_seed

    assert reform_seed() == 0


def test_the_plan_page_takes_the_same_number_of_queries_for_many_tasks(
    client, people, filled, django_assert_max_num_queries
):
    client.force_login(people.sophie)
    url = reverse("reform:plan", args=[filled.pk])
    client.get(url)
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for number in range(20):
        task(
            filled, people.centre_a, content=f"Việc {number}", coordinating_units=[people.section_a]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@time_machine.travel(date(2026, 7, 8), tick=False)
def test_the_quarterly_review_minutes_print_with_the_quarters_figures(client, people, filled):
    from reform import services

    review = services.review_record(
        actor=people.sophie,
        plan=filled,
        quarter=2,
        held_on=date(2026, 7, 6),
        chaired_by="Lê Quang Huy, Chủ tịch UBND xã",
        minutes="Hội nghị đánh giá kết quả quý II.",
        conclusions="Hoàn thành số hóa trong quý III.",
    )
    client.force_login(people.ivy)
    url = reverse("reform:review-print", args=[filled.pk, review.pk])
    page = client.get(url).content.decode()
    assert "BIÊN BẢN" in page and "Sơ kết quý II năm 2026" in page
    assert "Kế hoạch có 2 nhiệm vụ: 0 nhiệm vụ đã hoàn thành; 1 nhiệm vụ quá hạn" in page
    response = client.get(url, {"pdf": 1})
    assert response.content.startswith(b"%PDF")

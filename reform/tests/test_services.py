"""Writes to reform plans: the plan and its tasks, due days across holidays from the working
calendar, progress with evidence stored with its report or not at all, the quarterly review, the
lead units' overdue queues and "Việc hôm nay"."""

from datetime import date
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import CalendarOverride
from org.tests.factories import AgencyFactory
from reform import selectors, services
from reform.models import Evidence, ProgressReport, Task
from reform.tests.builders import pdf, plan, task
from reform.tests.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_a_plan_number_is_unique_per_agency_and_year(people):
    plan(people.committee_a)
    with pytest.raises(ValidationError):
        plan(people.committee_a)
    plan(people.committee_b)  # another commune may use the same number
    plan(people.committee_a, year=2027)


def test_a_task_is_led_only_by_a_unit_of_the_issuing_agency(people):
    kế_hoạch = plan(people.committee_a)
    with pytest.raises(ValidationError) as refused:
        task(kế_hoạch, people.centre_b)
    assert "lead_unit" in refused.value.error_dict
    with pytest.raises(ValidationError):
        task(kế_hoạch, people.section_a, coordinating_units=[people.committee_b])
    assert not kế_hoạch.tasks.exists()


def test_tasks_are_numbered_in_order_and_keep_integer_budgets(people):
    kế_hoạch = plan(people.committee_a)
    first = task(kế_hoạch, people.section_a, budget=15_000_000)
    second = task(kế_hoạch, people.centre_a, timeline_kind="quarter", quarter=2)
    assert (first.position, second.position) == (1, 2)
    assert Task.objects.get(pk=first.pk).budget == 15_000_000
    assert first.budget_text == "15.000.000 đ"
    assert second.due_by == date(2026, 6, 30)


def test_a_task_due_on_a_holiday_falls_due_after_it_and_an_admin_day_off_counts(people):
    kế_hoạch = plan(people.committee_a)
    reunification = task(kế_hoạch, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30))
    assert reunification.due_by == date(2026, 5, 4)
    CalendarOverride.objects.create(
        date=date(2026, 5, 4), is_working_day=False, reason="Nghỉ bù", source_document="Thử"
    )
    after_override = task(
        kế_hoạch, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30)
    )
    assert after_override.due_by == date(2026, 5, 5)


def test_overdue_tasks_reach_the_lead_units_queue_only_after_the_holidays(people):
    kế_hoạch = plan(people.committee_a)
    late = task(kế_hoạch, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30))
    task(kế_hoạch, people.centre_a, timeline_kind="date", due_on=date(2026, 4, 30))
    task(kế_hoạch, people.section_a)  # regular work is never late
    on_may_4 = selectors.overdue_tasks(people.carl, day=date(2026, 5, 4))
    assert list(on_may_4) == []
    on_may_5 = selectors.overdue_tasks(people.carl, day=date(2026, 5, 5))
    assert list(on_may_5) == [late]  # Carl's section leads it; the centre's task is not his
    assert len(selectors.overdue_tasks(people.sophie, day=date(2026, 5, 5))) == 2
    assert list(selectors.overdue_tasks(people.bob, day=date(2026, 5, 5))) == []


def test_the_overdue_task_shows_in_todays_work_of_the_lead_unit(client, people):
    kế_hoạch = plan(people.committee_a)
    task(
        kế_hoạch,
        people.centre_a,
        content="Số hóa hồ sơ còn hiệu lực",
        timeline_kind="quarter",
        quarter=1,
    )
    client.force_login(people.alice)
    with time_machine.travel(date(2026, 4, 2), tick=False):
        page = client.get(reverse("counter:today")).content.decode()
    assert "ke-hoach-qua-han" in page and "Số hóa hồ sơ còn hiệu lực" in page
    client.force_login(people.bob)
    with time_machine.travel(date(2026, 4, 2), tick=False):
        assert "Số hóa hồ sơ" not in client.get(reverse("counter:today")).content.decode()


def test_a_stale_task_form_gets_a_conflict_not_an_overwrite(people):
    kế_hoạch = plan(people.committee_a)
    original = task(kế_hoạch, people.section_a)
    services.task_update(
        actor=None, task=original, version=original.version, content="Nội dung mới"
    )
    with pytest.raises(ValidationError, match="meanwhile|thay đổi"):
        services.task_update(
            actor=None, task=original, version=1, content="Nội dung của người thứ hai"
        )
    assert Task.objects.get(pk=original.pk).content == "Nội dung mới"


def _report(the_task, **extra):
    fields = {
        "actor": None,
        "task": the_task,
        "version": the_task.version,
        "reported_on": date(2026, 5, 6),
        "status": "done",
        "percent_done": 100,
        "note": "Đã niêm yết đầy đủ",
        "uploads": [pdf()],
    } | extra
    return services.progress_report(**fields)


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_progress_with_evidence_completes_the_task_and_keeps_the_files(people):
    kế_hoạch = plan(people.committee_a)
    the_task = task(kế_hoạch, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30))
    report = _report(the_task, uploads=[pdf("bien-ban.pdf"), pdf("anh.pdf")])
    the_task.refresh_from_db()
    assert (the_task.status, the_task.percent_done, the_task.completed_on) == (
        "done",
        100,
        date(2026, 5, 6),
    )
    files = list(report.evidence.all())
    assert [f.name for f in files] == ["bien-ban.pdf", "anh.pdf"]
    assert all(f.file.storage.exists(f.file.name) for f in files)
    assert len(files[0].sha256) == 64
    assert list(selectors.overdue_tasks(people.sophie, day=date(2026, 5, 10))) == []


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_a_task_is_not_done_without_evidence(people):
    the_task = task(plan(people.committee_a), people.section_a)
    with pytest.raises(ValidationError) as refused:
        _report(the_task, uploads=[])
    assert "files" in refused.value.error_dict
    assert not ProgressReport.objects.exists()
    _report(the_task, status="in_progress", percent_done=40, uploads=[])
    assert Task.objects.get(pk=the_task.pk).status == "in_progress"


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_no_evidence_file_is_kept_when_the_report_fails(people, media):
    the_task = task(plan(people.committee_a), people.section_a)
    with (
        mock.patch("reform.services._audit", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        _report(the_task, uploads=[pdf("mot.pdf"), pdf("hai.pdf")])
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    assert stored_files(media) == []
    assert Task.objects.get(pk=the_task.pk).status == "not_started"
    _report(the_task, uploads=[pdf("mot.pdf")])
    assert len(stored_files(media)) == 1


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_an_exe_renamed_pdf_is_refused_and_nothing_is_saved(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    the_task = task(plan(people.committee_a), people.section_a)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ValidationError):
        _report(the_task, uploads=[fake])
    assert not ProgressReport.objects.exists()


@time_machine.travel(date(2026, 7, 8), tick=False)
def test_the_quarterly_review_keeps_the_figures_at_the_quarters_end(people):
    kế_hoạch = plan(people.committee_a)
    done = task(kế_hoạch, people.section_a, timeline_kind="quarter", quarter=1)
    _report(done, reported_on=date(2026, 3, 20))
    task(kế_hoạch, people.centre_a, timeline_kind="quarter", quarter=2)
    task(kế_hoạch, people.centre_a)
    review = services.review_record(
        actor=people.sophie,
        plan=kế_hoạch,
        quarter=2,
        held_on=date(2026, 7, 6),
        chaired_by="Chủ tịch UBND xã",
        minutes="Sơ kết quý II",
    )
    assert review.counts == {"done": 1, "due_soon": 1, "regular": 1, "total": 3}
    with pytest.raises(ValidationError):
        services.review_record(
            actor=None,
            plan=kế_hoạch,
            quarter=2,
            held_on=date(2026, 7, 7),
            chaired_by="Chủ tịch UBND xã",
            minutes="Lần hai",
        )


def test_units_under_a_section_may_lead_but_another_communes_may_not(people):
    team = AgencyFactory(name="Tổ một cửa", parent=people.section_a, unit=people.section_a.unit)
    assert team in services.unit_choices(people.committee_a)
    assert people.centre_b not in services.unit_choices(people.committee_a)


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_a_task_done_after_its_due_day_reads_done_late(people):
    from core.workdays import WorkingCalendar

    the_plan = plan(people.committee_a)
    late = task(the_plan, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30))
    on_time = task(the_plan, people.section_a, timeline_kind="date", due_on=date(2026, 4, 30))
    _report(late, reported_on=date(2026, 5, 6))
    _report(on_time, reported_on=date(2026, 5, 4))  # 30/4 and 1/5 are holidays: due 4/5
    shown = selectors.with_state(
        selectors.plan_tasks(the_plan), day=date(2026, 5, 10), calendar=WorkingCalendar()
    )
    assert [t.state_label for t in shown] == ["hoàn thành muộn", "đã xong"]

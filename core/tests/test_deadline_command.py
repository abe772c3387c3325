"""`manage.py deadline`: its last line is the due date, against the shipped and edited calendar."""

from datetime import date, time
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from core.models import CalendarOverride

pytestmark = pytest.mark.django_db


def run_deadline(*args: str) -> list[str]:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("received", "term", "due"),
    [
        pytest.param("2026-02-13 10:00", "3d", "2026-02-25 17:00", id="over-tet-2026"),
        pytest.param("13/02/2026 10:00", "3d", "2026-02-25 17:00", id="day-first-format"),
        pytest.param("2026-03-10 14:59", "0d", "2026-03-10 17:00", id="same-day-before-cutoff"),
        pytest.param("2026-03-10 15:30", "0d", "2026-03-11 17:00", id="same-day-after-cutoff"),
        pytest.param("2026-03-10 10:00", "4h", "2026-03-10 14:00", id="four-working-hours"),
        pytest.param("2026-03-13 16:00", "4h", "2026-03-16 10:30", id="hours-over-a-weekend"),
        pytest.param("2026-01-09 10:00", "1d", "2026-01-10 17:00", id="shipped-make-up-saturday"),
        pytest.param("2026-08-28 10:00", "1d", "2026-09-03 17:00", id="shipped-swap-31-08-2026"),
    ],
)
def test_the_last_line_is_the_due_date_and_time(received, term, due):
    assert run_deadline("--received", received, "--term", term)[-1] == due


def test_the_explanation_lists_the_skipped_days_with_their_reasons():
    lines = run_deadline("--received", "2026-01-09 16:00", "--term", "2d")
    # Saturday 10/01 is a shipped make-up day: counted, so not listed; Sunday 11/01 is skipped.
    assert not any("2026-01-10" in line for line in lines[:-1])
    assert len([line for line in lines[:-1] if "2026-01-11" in line]) == 1
    assert lines[-1] == "2026-01-12 17:00"


def test_the_explanation_names_the_tet_holidays_it_skips():
    lines = run_deadline("--received", "2026-02-13 10:00", "--term", "1d")
    tet_lines = [line for line in lines[:-1] if "Tết Nguyên Đán" in line]
    assert len(tet_lines) == 5  # Monday 16 to Friday 20 February 2026


def test_an_override_added_by_an_admin_changes_the_answer():
    assert run_deadline("--received", "2026-03-10 10:00", "--term", "1d")[-1] == "2026-03-11 17:00"
    CalendarOverride.objects.create(
        date=date(2026, 3, 11),
        is_working_day=False,
        reason="Nghỉ do bão",
        source_document="Công điện thử nghiệm",
    )
    lines = run_deadline("--received", "2026-03-10 10:00", "--term", "1d")
    assert lines[-1] == "2026-03-12 17:00"
    assert any("Nghỉ do bão" in line for line in lines[:-1])


@pytest.fixture
def agency_open_8_to_16_30():
    unit = apps.get_model("org", "AdministrativeUnit").objects.create(
        code="00001", name="Phường Thử", level="commune", division_type="phường"
    )
    return apps.get_model("org", "Agency").objects.create(
        code="000.00.99.H01",
        name="Trung tâm phục vụ hành chính công phường Thử",
        kind="commune_centre",
        unit=unit,
        opens_at=time(8, 0),
        closes_at=time(16, 30),
        same_day_cutoff=time(14, 0),
    )


def test_an_agency_uses_its_own_office_hours(agency_open_8_to_16_30):
    code = agency_open_8_to_16_30.code
    same_day = run_deadline("--received", "2026-03-10 14:30", "--term", "0d", "--agency", code)
    assert same_day[-1] == "2026-03-11 16:30"
    by_default = run_deadline("--received", "2026-03-10 14:30", "--term", "0d")
    assert by_default[-1] == "2026-03-10 17:00"


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        pytest.param(["--received", "abc", "--term", "3d"], "abc", id="unreadable-receipt"),
        pytest.param(["--received", "2026-02-30 10:00", "--term", "3d"], "02-30", id="no-date"),
        pytest.param(["--received", "2026-03-10 10:00", "--term", "x"], "'x'", id="bad-term"),
        pytest.param(["--received", "2026-03-10 10:00", "--term=-1d"], "-1d", id="negative"),
        pytest.param(
            ["--received", "2026-03-10 10:00", "--term", "1d", "--agency", "NOPE"],
            "NOPE",
            id="unknown-agency",
        ),
        pytest.param(["--received", "2026-03-10 10:00"], "--term", id="missing-term"),
    ],
)
def test_bad_input_is_a_clear_command_error_not_a_traceback(args, mentions):
    with pytest.raises(CommandError) as raised:
        run_deadline(*args)
    assert mentions in str(raised.value)

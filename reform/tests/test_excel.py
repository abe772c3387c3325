"""A plan's task table imported from Excel: every cell checked, errors by row and column in
Vietnamese, nothing added unless every row passed; the template round-trips."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reform import excel, services
from reform.models import Task
from reform.tests.builders import HEADER, plan, xlsx

pytestmark = pytest.mark.django_db


def rows(people):
    return [
        HEADER,
        [
            1,
            "Niêm yết công khai đầy đủ thủ tục hành chính",
            "phong van hoa - xa hoi xa an",  # diacritics and case optional
            "Ủy ban nhân dân Xã An; Hội Phụ nữ xã",
            "Thường xuyên",
            None,
            3,
            "5",
            "Bảng niêm yết",
        ],
        [2, "Số hóa hồ sơ", "Trung tâm PVHCC Xã An", "", "Quý III/2026", "12.000.000", "", "", ""],
        [3, "Khảo sát SIPAS", "Trung tâm PVHCC Xã An", None, "30/04/2026", 5000000, 8, 6, None],
    ]


def test_a_valid_sheet_adds_every_task_with_its_units_and_timeline(people):
    the_plan = plan(people.committee_a)
    units = services.unit_choices(people.committee_a)
    cleaned, errors = excel.read_sheet(rows(people), year=2026, units=units)
    assert not errors
    assert services.tasks_import(actor=None, plan=the_plan, rows=cleaned, source="t.xlsx") == 3
    first, second, third = Task.objects.filter(plan=the_plan).order_by("position")
    assert first.lead_unit == people.section_a
    assert list(first.coordinating_units.all()) == [people.committee_a]
    assert first.other_coordinators == "Hội Phụ nữ xã"
    assert (first.timeline_kind, first.par_field, first.papi_dimension) == ("regular", 3, 5)
    assert (second.quarter, second.budget, second.due_by) == (3, 12_000_000, date(2026, 9, 30))
    assert (third.due_on, third.due_by, third.budget) == (
        date(2026, 4, 30),
        date(2026, 5, 4),
        5_000_000,
    )


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_added(client, people):
    the_plan = plan(people.committee_a)
    sheet = rows(people) + [
        [4, "", "Công an xã", "", "sớm", "1,5 triệu", 9, 0, ""],
        [5, "Báo cáo quý", "Trung tâm PVHCC Xã Bình", "", "Quý V/2026", -5, "", "", ""],
    ]
    client.force_login(people.sophie)
    response = client.post(reverse("reform:import", args=[the_plan.pk]), {"sheet": xlsx(sheet)})
    assert response.status_code == 400
    errors = response.context["import_errors"]
    cells = {(row, column) for row, column, _message in errors}
    assert cells == {
        (5, "Nhiệm vụ"),
        (5, "Đơn vị chủ trì"),
        (5, "Thời gian thực hiện"),
        (5, "Kinh phí (đồng)"),
        (5, "Lĩnh vực PAR INDEX"),
        (5, "Chỉ số PAPI"),
        (6, "Đơn vị chủ trì"),
        (6, "Thời gian thực hiện"),
        (6, "Kinh phí (đồng)"),
    }
    page = response.content.decode()
    assert "Chưa nhập" in page and "không phải là đơn vị" in page
    assert not Task.objects.exists()  # the three good rows were not added either


def test_a_sheet_without_the_required_columns_is_refused_at_the_header(people):
    units = services.unit_choices(people.committee_a)
    cleaned, errors = excel.read_sheet([["STT", "Nội dung"], [1, "Việc"]], year=2026, units=units)
    assert cleaned == []
    assert {(row, column) for row, column, _m in errors.errors} == {
        (1, "Đơn vị chủ trì"),
        (1, "Thời gian thực hiện"),
    }


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    the_plan = plan(people.committee_a)
    client.force_login(people.sophie)
    response = client.post(
        reverse("reform:import", args=[the_plan.pk]),
        {"sheet": SimpleUploadedFile("nhiem-vu.xlsx", b"not a workbook at all")},
    )
    assert response.status_code == 400
    assert "nhiem-vu.xlsx" in response.content.decode()
    assert not Task.objects.exists()


def test_the_template_has_the_header_the_import_reads(client, people):
    the_plan = plan(people.committee_a)
    client.force_login(people.sophie)
    response = client.get(reverse("reform:import-template", args=[the_plan.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(BytesIO(response.content))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header[:5] == [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện",
    ]
    guide = [row[0] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert "Phòng Văn hóa - Xã hội Xã An" in guide
    filled = [header, [1, "Việc mẫu", "Phòng Văn hóa - Xã hội Xã An", "", "Quý I/2026"]]
    response = client.post(reverse("reform:import", args=[the_plan.pk]), {"sheet": xlsx(filled)})
    assert response.status_code == 302
    assert Task.objects.get().content == "Việc mẫu"

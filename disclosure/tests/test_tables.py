"""Typed tables: a row's checks, and a sheet read all or nothing with errors by row and column."""

import pytest

from disclosure.rules import TableKind
from disclosure.tables import personal_numbers_in, read_sheet, read_workbook, shown_rows
from disclosure.tests.builders import POOR_HEADER, xlsx


def test_a_good_sheet_gives_every_row_with_its_values_typed():
    rows, errors = read_sheet(
        TableKind.POOR_HOUSEHOLDS,
        [
            POOR_HEADER,
            ["Nguyễn Văn An", "Thôn Đông", 4, "Hộ nghèo", None],
            [None, None, None, None, None],  # a blank line in the middle is skipped
            ["Trần Thị Bình", "Thôn Tây", "3", "khong dat", "Thu nhập trên chuẩn"],
        ],
    )
    assert not errors
    assert rows == [
        {"head": "Nguyễn Văn An", "hamlet": "Thôn Đông", "members": 4, "result": "poor"},
        {
            "head": "Trần Thị Bình",
            "hamlet": "Thôn Tây",
            "members": 3,
            "result": "not_qualified",
            "reason": "Thu nhập trên chuẩn",
        },
    ]


def test_columns_are_found_by_name_in_any_order_without_diacritics():
    rows, errors = read_sheet(
        TableKind.BUDGET_LINES,
        [["DU TOAN (DONG)", "khoan muc ngan sach"], ["1.500.000", "Chi sự nghiệp giáo dục"]],
    )
    assert not errors
    assert rows == [{"line": "Chi sự nghiệp giáo dục", "planned": 1_500_000}]


def test_one_bad_cell_gives_no_rows_and_every_error_by_row_and_column():
    rows, errors = read_sheet(
        TableKind.POOR_HOUSEHOLDS,
        [
            POOR_HEADER,
            ["Nguyễn Văn An", "Thôn Đông", 4, "Hộ nghèo", None],
            ["Lê Văn Cường", "", 2, "giàu", None],
            ["Phạm Thị Dung", "Thôn Tây", 2, "Không đạt", ""],
        ],
    )
    assert rows == []
    assert errors.errors == [
        (3, "Thôn", "Ô này không được để trống."),
        (3, "Kết quả rà soát", "Chọn một trong: Hộ nghèo, Hộ cận nghèo, Thoát nghèo, Không đạt."),
        (4, "Lý do", "Ghi lý do hộ không đạt."),
    ]


def test_a_missing_required_column_is_reported_on_the_header_row():
    rows, errors = read_sheet(
        TableKind.POOR_HOUSEHOLDS, [["Chủ hộ", "Kết quả rà soát"], ["A", "Hộ nghèo"]]
    )
    assert rows == []
    assert errors.errors == [(1, "Thôn", "Thiếu cột này ở dòng tiêu đề.")]


@pytest.mark.parametrize(
    ("cell", "ok"),
    [
        (1500000, True),
        ("1.500.000", True),
        ("1 500 000 đ", True),
        (1500000.0, True),
        (1500000.5, False),
        ("-5", False),
        ("năm trăm", False),
        (True, False),
    ],
)
def test_money_is_whole_dong_never_a_fraction(cell, ok):
    rows, errors = read_sheet(
        TableKind.BUDGET_LINES, [["Khoản mục ngân sách", "Dự toán (đồng)"], ["Chi", cell]]
    )
    assert (not errors) is ok


@pytest.mark.parametrize(
    "text",
    [
        "Nguyễn Văn An 001203004567",
        "SĐT 0912345678",
        "gọi 0912 345 678",
        "+84912345678",
        "CMND 123456789",
    ],
)
def test_id_and_phone_numbers_are_refused_in_any_cell(text):
    assert personal_numbers_in(text)
    rows, errors = read_sheet(
        TableKind.POOR_HOUSEHOLDS, [POOR_HEADER, [text, "Thôn Đông", 2, "Hộ nghèo", None]]
    )
    assert rows == [] and errors.errors[0][:2] == (2, "Chủ hộ")


def test_ordinary_numbers_are_not_taken_for_personal_ones():
    assert not personal_numbers_in("Quyết định số 125/QĐ-UBND ngày 02/3/2026, 1.500.000 đồng")


def test_a_file_that_is_not_a_workbook_is_one_clear_error():
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows, errors = read_workbook(
        SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken"), TableKind.BUDGET_LINES
    )
    assert rows == [] and errors.errors == [
        (1, "", "Không đọc được tệp này như một bảng tính Excel.")
    ]


def test_a_workbook_round_trips_to_the_shown_table():
    rows, errors = read_workbook(
        xlsx(
            [
                ["Khoản mục ngân sách", "Dự toán (đồng)", "Thực hiện (đồng)"],
                ["Chi thường xuyên", 2500000, 2000000],
            ]
        ),
        TableKind.BUDGET_LINES,
    )
    assert not errors
    assert shown_rows(TableKind.BUDGET_LINES, rows)[0].cells[:3] == [
        ("Chi thường xuyên", False, "Khoản mục ngân sách"),
        ("2.500.000 đ", True, "Dự toán (đồng)"),
        ("2.000.000 đ", True, "Thực hiện (đồng)"),
    ]

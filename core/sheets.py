"""Reading a table typed into an uploaded Excel sheet, for every app that imports one (the
disclosures' tables, a reform plan's tasks): the errors by row and column, amounts in đồng
from a cell, and the first sheet of a workbook opened safely."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class SheetErrors:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append((row, column, message))

    def __bool__(self) -> bool:
        return bool(self.errors)


def money_from_cell(value) -> int:
    """Integer đồng from a cell: 1500000, "1.500.000", "1 500 000 đ". Never a fraction; raises
    ValueError for anything else, which the caller reports on its row and column."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        amount = int(value)
    else:
        text = str(value).strip().lower().removesuffix("đ").removesuffix("vnd").strip()
        text = re.sub(r"[\s.]", "", text)
        if not text.isdigit():
            raise ValueError
        amount = int(text)
    if not 0 <= amount <= 10**15:
        raise ValueError
    return amount


def read_first_sheet(upload, read: Callable) -> tuple[list[dict], SheetErrors]:
    """`read(rows)` over the first sheet of an uploaded .xlsx (already checked by
    core.files.check_upload); an unreadable file is one error on row 1."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same message
        errors = SheetErrors()
        errors.add(1, "", _("This file cannot be read as an Excel workbook."))
        return [], errors
    try:
        return read(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()

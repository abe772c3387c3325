"""The catalogue as an Excel workbook, one sheet per table, and back into the JSON document.

Reading a workbook builds the same document the JSON import takes, plus a map from each path in
it to its cell, so a problem found in `procedures[0].versions[1].fees[0].amount` is reported
at `fees!F7`.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .export import catalog_export_data
from .schema import (
    CHILD_TABLES,
    FIELD_KEYS,
    FORMAT,
    FORMAT_VERSION,
    PROCEDURE_KEYS,
    VERSION_KEYS,
    VIETNAM,
    Key,
)
from .services import ImportResult, catalog_import
from .validate import Problem, procedure_label

_VERSION_PARENT = ("national_code", "local_code")
_CHILD_PARENT = ("national_code", "local_code", "version")
# Each sheet: the columns naming the parent row, then the keys of the table.
SHEETS: dict[str, tuple[tuple[str, ...], tuple[Key, ...]]] = {
    "fields": ((), FIELD_KEYS),
    "procedures": ((), PROCEDURE_KEYS),
    "versions": (_VERSION_PARENT, VERSION_KEYS),
    **{relation: (_CHILD_PARENT, keys) for relation, (_model, keys) in CHILD_TABLES.items()},
}
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_LAST_SEGMENT = re.compile(r"(\.[^.\[]+|\[\d+\])$")
_SKIP = object()


def catalog_export_excel() -> bytes:
    data = catalog_export_data()
    rows: dict[str, list[list[Any]]] = {sheet: [] for sheet in SHEETS}
    rows["fields"] = [[field["code"], field["name"]] for field in data["fields"]]
    for procedure in data["procedures"]:
        codes = [procedure["national_code"], procedure["local_code"]]
        rows["procedures"].append([procedure[key.name] for key in PROCEDURE_KEYS])
        for version in procedure["versions"]:
            rows["versions"].append(codes + [version[key.name] for key in VERSION_KEYS])
            for relation, (_model, keys) in CHILD_TABLES.items():
                rows[relation].extend(
                    [*codes, version["number"], *(child[key.name] for key in keys)]
                    for child in version[relation]
                )
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (parents, keys) in SHEETS.items():
        header = [*parents, *(key.name for key in keys)]
        _write_sheet(workbook.create_sheet(name), header, rows[name])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet, header: list[str], rows: list[list[Any]]) -> None:
    widths = [len(name) for name in header]
    for row_number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            value = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
            if isinstance(value, str):
                # A cell cannot hold control characters (text pasted from Word sometimes has
                # them); the JSON export keeps them.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                # Text is text: "=…" must not become a formula that Excel would run.
                cell.data_type = "s"
                longest = max((len(line) for line in value.splitlines()), default=0)
                widths[column - 1] = max(widths[column - 1], longest)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width, _MIN_WIDTH) + 2, _MAX_WIDTH)


def catalog_import_excel(file_bytes: bytes, *, actor=None) -> ImportResult:
    data, locations, problems = read_workbook(file_bytes)
    if data is None:
        return ImportResult(problems=problems)
    return catalog_import(
        data=data, actor=actor, read_problems=problems, locate=partial(locate, locations)
    )


def locate(locations: dict[str, str], where: str) -> str:
    """The cell of a document path, or of the nearest enclosing path that has one."""
    path = where
    while path:
        if path in locations:
            return locations[path]
        shorter = _LAST_SEGMENT.sub("", path)
        if shorter == path:
            break
        path = shorter
    return where


def read_workbook(file_bytes: bytes) -> tuple[dict | None, dict[str, str], list[Problem]]:
    """The document, where each of its paths is in the workbook, and the problems met reading.

    The document is None when the workbook's shape is wrong (not a workbook, a sheet or a column
    missing): its rows could not be read into the format at all.
    """
    try:
        # Not read-only: then every part of the file is parsed here, and a damaged file fails
        # here, once, instead of half-way through the rows.
        workbook = load_workbook(BytesIO(file_bytes), data_only=True)
    except Exception:
        # openpyxl raises whatever its zip and XML parsers raise; to the person importing,
        # all of them mean the same thing.
        return None, {}, [Problem(_("file"), _("the file is not an Excel workbook (.xlsx)"))]
    return _Reader(workbook).read()


@dataclass
class _Row:
    item: dict[str, Any]
    cells: dict[str, str]  # key → its cell, e.g. "fees!F7"
    parent: tuple  # (national_code, local_code) or (national_code, local_code, version)
    parent_cell: str  # where to report a parent that is not there


class _Reader:
    def __init__(self, workbook):
        self.workbook = workbook
        self.locations: dict[str, str] = {}
        self.problems: list[Problem] = []

    def read(self) -> tuple[dict | None, dict[str, str], list[Problem]]:
        columns = {name: self._columns(name) for name in SHEETS}
        if self.problems:
            return None, {}, self.problems
        document = {"format": FORMAT, "format_version": FORMAT_VERSION, "fields": []}
        for index, row in enumerate(self._rows("fields", columns["fields"])):
            self._place(row, f"fields[{index}]")
            document["fields"].append(row.item)
        document["procedures"] = []
        procedures: dict[tuple, tuple[dict, str]] = {}
        for index, row in enumerate(self._rows("procedures", columns["procedures"])):
            path = f"procedures[{index}]"
            self._place(row, path)
            row.item["versions"] = []
            document["procedures"].append(row.item)
            codes = (row.item.get("national_code"), row.item.get("local_code", ""))
            procedures.setdefault(codes, (row.item, path))
        versions: dict[tuple, tuple[dict, str]] = {}
        for row in self._rows("versions", columns["versions"]):
            if row.parent not in procedures:
                self._missing_parent(
                    row, _("there is no procedure %(code)s in the sheet procedures")
                )
                continue
            procedure, procedure_path = procedures[row.parent]
            path = f"{procedure_path}.versions[{len(procedure['versions'])}]"
            self._place(row, path)
            row.item.update({relation: [] for relation in CHILD_TABLES})
            procedure["versions"].append(row.item)
            versions.setdefault((*row.parent, row.item.get("number")), (row.item, path))
        for relation in CHILD_TABLES:
            for row in self._rows(relation, columns[relation]):
                if row.parent not in versions:
                    self._missing_parent(
                        row, _("there is no version %(number)s of %(code)s in the sheet versions")
                    )
                    continue
                version, version_path = versions[row.parent]
                self._place(row, f"{version_path}.{relation}[{len(version[relation])}]")
                version[relation].append(row.item)
        return document, self.locations, self.problems

    def _columns(self, sheet: str) -> dict[str, int]:
        if sheet not in self.workbook.sheetnames:
            self.problems.append(Problem(sheet, _("the sheet is missing")))
            return {}
        parents, keys = SHEETS[sheet]
        allowed = {*parents, *(key.name for key in keys)}
        header = next(self.workbook[sheet].iter_rows(max_row=1, values_only=True), ())
        columns: dict[str, int] = {}
        for index, value in enumerate(header):
            if value is None:
                continue
            name, where = str(value).strip(), f"{sheet}!{get_column_letter(index + 1)}1"
            if name not in allowed:
                self.problems.append(Problem(where, _("unknown column %(name)s") % {"name": name}))
            elif name in columns:
                self.problems.append(
                    Problem(where, _("the column %(name)s is there twice") % {"name": name})
                )
            if name in allowed:
                columns.setdefault(name, index)
        for name in [*parents, *(key.name for key in keys if key.required)]:
            if name not in columns:
                self.problems.append(
                    Problem(f"{sheet}!1:1", _("the column %(name)s is missing") % {"name": name})
                )
        return columns

    def _rows(self, sheet: str, columns: dict[str, int]):
        """The sheet's non-empty rows, with their values undone from what Excel does to them."""
        parent_names, keys = SHEETS[sheet]
        for number, values in enumerate(
            self.workbook[sheet].iter_rows(min_row=2, values_only=True), start=2
        ):
            if all(value is None for value in values):
                continue
            cells = {
                name: f"{sheet}!{get_column_letter(column + 1)}{number}"
                for name, column in columns.items()
            }
            item = {}
            for key in keys:
                if key.name in columns:
                    value = values[columns[key.name]]
                    # An empty cell is a missing key: its default applies, or "is required".
                    if value is not None:
                        value = self._convert(key, value, cells[key.name])
                        if value is not _SKIP:
                            item[key.name] = value
            parent = {name: values[columns[name]] for name in parent_names}
            codes = (_text(parent.get("national_code")), _text(parent.get("local_code")) or "")
            if "version" in parent:
                version = _whole_number(parent["version"])
                yield _Row(item, cells, (*codes, version), cells["version"])
            else:
                yield _Row(item, cells, codes, cells.get("national_code", ""))

    def _place(self, row: _Row, path: str) -> None:
        self.locations[path] = next(iter(row.cells.values()))
        for name, where in row.cells.items():
            self.locations[f"{path}.{name}"] = where

    def _missing_parent(self, row: _Row, message: str) -> None:
        code = procedure_label(str(row.parent[0] or ""), str(row.parent[1] or ""))
        number = row.parent[2] if len(row.parent) > 2 else ""
        self.problems.append(Problem(row.parent_cell, message % {"code": code, "number": number}))

    def _convert(self, key: Key, value: Any, where: str) -> Any:
        """Undo what Excel does to typed values; anything else goes on to the validation."""
        if key.kind in ("list", "tiers"):
            try:
                parsed = json.loads(value) if isinstance(value, str) else None
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list):
                return parsed
            example = '[{"from": 3, "rate": 1000}]' if key.kind == "tiers" else '["a", "b"]'
            self.problems.append(
                Problem(
                    where,
                    _("must be a list written in JSON, e.g. %(example)s") % {"example": example},
                )
            )
            return _SKIP
        if key.kind == "int":
            return _whole_number(value)
        if key.kind in ("text", "code"):
            return _text(value)
        if key.kind == "date" and isinstance(value, datetime) and value.time() == time(0):
            return value.date().isoformat()
        if key.kind == "date" and isinstance(value, date):
            return value.isoformat()
        if key.kind == "datetime" and isinstance(value, datetime):
            # Excel has no time zones: a typed date and time is Vietnam time.
            return (value if value.tzinfo else value.replace(tzinfo=VIETNAM)).isoformat()
        return value


def _whole_number(value: Any) -> Any:
    # Excel keeps numbers as floats, and a cell formatted as text keeps digits as text.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


def _text(value: Any) -> Any:
    # A code such as channel "1" typed into a cell becomes the number 1.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value

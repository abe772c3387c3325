"""A plan's task table read from an Excel sheet, all or nothing, and the template to fill.

Pure over plain values and the units given: the service stores tasks only when every row
passed, so one bad cell changes nothing and the officer gets every error with its row and column.
"""

import re
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.sheets import SheetErrors, money_from_cell, read_first_sheet
from core.text import fold
from reform.indices import PapiDimension, ParIndexField
from reform.rules import parse_timeline

MAX_ROWS = 500
MAX_TEXT = 2000
MAX_SHORT = 300


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    width: int = 20


COLUMNS = (
    Column("position", gettext_lazy("No."), width=6),
    Column("content", gettext_lazy("Task"), required=True, width=60),
    Column("lead_unit", gettext_lazy("Lead unit"), required=True, width=30),
    Column("coordinators", gettext_lazy("Coordinating units"), width=30),
    Column("timeline", gettext_lazy("Timeline"), required=True, width=18),
    Column("budget", gettext_lazy("Budget (đồng)"), width=16),
    Column("par_field", gettext_lazy("Field of the PAR INDEX"), width=24),
    Column("papi_dimension", gettext_lazy("PAPI dimension"), width=24),
    Column("expected_result", gettext_lazy("Expected result"), width=30),
)


def _choice(choices, value) -> int:
    """A PAR field or PAPI dimension by its number ("3", "3. …") or its name."""
    text = fold(str(value))
    number = re.match(r"^(\d+)\b", text)
    if number:
        wanted = int(number.group(1))
        if wanted in choices.values:
            return wanted
        raise ValueError
    for choice in choices:
        if text == fold(str(choice.label)):
            return choice.value
    raise ValueError


def unit_lookup(units) -> dict[str, object]:
    """Agencies by their folded name and short name, for matching the cells."""
    lookup = {}
    for unit in units:
        lookup[fold(unit.name)] = unit
        if unit.short_name:
            lookup.setdefault(fold(unit.short_name), unit)
    return lookup


def clean_row(raw: dict, *, row: int, year: int, units: dict, errors: SheetErrors) -> dict:
    """One row as the fields of reform.services.task_add; problems go to `errors`."""
    labels = {column.key: str(column.label) for column in COLUMNS}
    cleaned: dict = {}

    def text(key: str, limit: int) -> str:
        value = raw.get(key)
        value = "" if value is None else str(value).replace("\x00", "").strip()
        if len(value) > limit:
            errors.add(row, labels[key], _("At most %(n)d characters.") % {"n": limit})
            return ""
        return value

    content = text("content", MAX_TEXT)
    if not content:
        errors.add(row, labels["content"], _("This cell is required."))
    cleaned["content"] = content

    lead = text("lead_unit", MAX_SHORT)
    if not lead:
        errors.add(row, labels["lead_unit"], _("This cell is required."))
    elif fold(lead) not in units:
        errors.add(row, labels["lead_unit"], _unknown_unit(lead, units))
    else:
        cleaned["lead_unit"] = units[fold(lead)]

    known, others = [], []
    for name in re.split(r"[;,\n]", text("coordinators", MAX_SHORT)):
        name = name.strip(" -–\t")
        if name:
            unit = units.get(fold(name))
            if unit is None:
                others.append(name)
            elif unit not in known:
                known.append(unit)
    cleaned["coordinating_units"] = known
    cleaned["other_coordinators"] = "; ".join(others)[:MAX_SHORT]

    timeline = raw.get("timeline")
    if timeline in (None, "") or str(timeline).strip() == "":
        errors.add(row, labels["timeline"], _("This cell is required."))
    else:
        try:
            parsed = parse_timeline(timeline, year=year)
        except (ValueError, TypeError):
            errors.add(
                row,
                labels["timeline"],
                _(
                    'Write "Thường xuyên", a date dd/mm/yyyy or a quarter of %(year)d such as '
                    '"Quý II/%(year)d".'
                )
                % {"year": year},
            )
        else:
            cleaned |= {
                "timeline_kind": parsed.kind,
                "due_on": parsed.due_on,
                "quarter": parsed.quarter,
            }

    for key, parse, message in (
        ("budget", money_from_cell, _("Enter a whole amount in đồng, e.g. 15.000.000.")),
        (
            "par_field",
            lambda value: _choice(ParIndexField, value),
            _("Enter the number of a PAR INDEX field, 1 to 8."),
        ),
        (
            "papi_dimension",
            lambda value: _choice(PapiDimension, value),
            _("Enter the number of a PAPI dimension, 1 to 8."),
        ),
    ):
        value = raw.get(key)
        if value in (None, "") or str(value).strip() in ("", "-", "–"):
            cleaned[key] = None
            continue
        try:
            cleaned[key] = parse(value)
        except (ValueError, TypeError):
            errors.add(row, labels[key], message)
    cleaned["expected_result"] = text("expected_result", MAX_SHORT)
    return cleaned


def _unknown_unit(name: str, units: dict) -> str:
    names = sorted({unit.name for unit in units.values()})
    return _("“%(name)s” is not a unit of this agency. Write one of: %(units)s.") % {
        "name": name,
        "units": "; ".join(names),
    }


def _header_keys(header) -> list[str | None]:
    names = {}
    for column in COLUMNS:
        names[fold(str(column.label))] = column.key
        names[fold(column.key)] = column.key
    # A few usual headings of the seeds' appendices.
    names |= {
        "stt": "position",
        "noi dung": "content",
        "noi dung cong viec": "content",
        "noi dung nhiem vu": "content",
        "ten nhiem vu": "content",
        "don vi chu tri": "lead_unit",
        "co quan chu tri": "lead_unit",
        "don vi phoi hop": "coordinators",
        "co quan phoi hop": "coordinators",
        "thoi gian": "timeline",
        "thoi gian hoan thanh": "timeline",
        "kinh phi": "budget",
        "kinh phi (dong)": "budget",
        "chi so papi": "papi_dimension",
        "linh vuc par index": "par_field",
        "ket qua": "expected_result",
        "san pham": "expected_result",
    }
    return [names.get(fold(str(cell or "")).rstrip(" :*")) for cell in header]


def read_sheet(rows, *, year: int, units) -> tuple[list[dict], SheetErrors]:
    """Rows of a sheet (tuples of cell values, the header first) → task fields, or errors.

    The header names the columns by their label, in any order, diacritics and case optional;
    blank rows are skipped. Row numbers in errors are the sheet's own (the header is row 1)."""
    errors = SheetErrors()
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        errors.add(1, "", _("The sheet is empty."))
        return [], errors
    keys = _header_keys(header)
    for column in COLUMNS:
        if column.required and column.key not in keys:
            errors.add(1, str(column.label), _("This column is missing from the header row."))
    if errors:
        return [], errors
    lookup = unit_lookup(units)
    cleaned = []
    for number, cells in enumerate(iterator, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        if len(cleaned) >= MAX_ROWS:
            errors.add(number, "", _("At most %(n)d rows in one table.") % {"n": MAX_ROWS})
            break
        raw = {key: cell for key, cell in zip(keys, cells, strict=False) if key}
        cleaned.append(clean_row(raw, row=number, year=year, units=lookup, errors=errors))
    if not cleaned and not errors:
        errors.add(2, "", _("The sheet has no rows under its header."))
    return ([] if errors else cleaned), errors


def read_workbook(upload, *, year: int, units) -> tuple[list[dict], SheetErrors]:
    return read_first_sheet(upload, lambda rows: read_sheet(rows, year=year, units=units))


def template_workbook(*, year: int, units) -> bytes:
    """An .xlsx with the header row the import expects, and a second sheet with an example and
    the units and the numbers of the PAR INDEX fields and PAPI dimensions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tasks")[:31]
    sheet.append([str(column.label) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = column.width
    guide = workbook.create_sheet(_("Guide")[:31])
    guide.append(
        [_("Example row"), "Niêm yết công khai đầy đủ thủ tục hành chính", f"Quý I/{year}"]
    )
    guide.append([])
    guide.append([_("Units of this agency (lead or coordinating)")])
    for unit in units:
        guide.append([unit.name])
    guide.append([])
    guide.append([_("Timeline"), f"Thường xuyên; 30/06/{year}; Quý II/{year}"])
    guide.append([])
    guide.append([str(_("Field of the PAR INDEX"))])
    for choice in ParIndexField:
        guide.append([choice.value, str(choice.label)])
    guide.append([])
    guide.append([str(_("PAPI dimension"))])
    for choice in PapiDimension:
        guide.append([choice.value, str(choice.label)])
    guide.column_dimensions["A"].width = 50
    guide.column_dimensions["B"].width = 50
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

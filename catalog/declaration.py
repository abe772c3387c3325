"""The printed declaration: an e-form's fields with a dossier's values as a Vietnamese reader
expects them (05/09/2024, 2,5), and the "Kính gửi" line it is addressed with."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from catalog.eform import DATE_FORMAT, parse_table
from catalog.models import EFormField, FieldType


@dataclass(frozen=True)
class DeclarationRow:
    """One line (or block) of the printed declaration. An empty `value` prints as dots."""

    key: str
    label: str
    field_type: str
    value: str = ""
    checked: bool = False
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def is_filled(self) -> bool:
        return bool(self.value or self.checked or self.rows)


def declaration_rows(
    fields: Iterable[EFormField], data: Mapping[str, Any] | None
) -> list[DeclarationRow]:
    """Label/value pairs for printing, in the fields' order.

    `data` maps keys to cleaned values (date, Decimal, bool, list of rows), to the same values
    as a dossier stores them in JSON ("2026-12-01", "2.5"), or to text as typed; missing or
    empty values give unfilled rows.
    """
    data = data or {}
    rows = []
    for item in fields:
        kind = item.field_type
        value = stored_value(kind, data.get(item.key))
        columns = list(item.columns or [])
        if kind == FieldType.CHECKBOX:
            checked = value is True or str(value).lower() in ("on", "true", "1", "yes")
            rows.append(DeclarationRow(item.key, item.label, kind, checked=checked))
        elif kind == FieldType.TABLE:
            table = value if isinstance(value, list) else parse_table(str(value or ""))
            rows.append(DeclarationRow(item.key, item.label, kind, columns=columns, rows=table))
        else:
            rows.append(DeclarationRow(item.key, item.label, kind, value=format_value(value)))
    return rows


CHAIRMAN = "Chủ tịch "
COMMITTEE = "Ủy ban nhân dân"


@dataclass(frozen=True)
class Addressee:
    """The "Kính gửi" line; when `complete` is false the agency's name is left to be written
    after the text, on a dotted line."""

    text: str
    complete: bool


def declaration_addressee(*, note: str, agency_name: str = "") -> Addressee:
    """Who the declaration is addressed to: the competent agency's own name ("Ủy ban nhân dân
    Phường Hoàn Kiếm"), to its chairman when the catalogue's note says so. The note names a
    kind of agency ("Ủy ban nhân dân cấp xã"), never the one the citizen writes to, so without
    an agency the blank form prints "Ủy ban nhân dân" and a dotted line."""
    prefix = CHAIRMAN if note.startswith(CHAIRMAN) else ""
    if agency_name:
        return Addressee(f"{prefix}{agency_name}", complete=True)
    return Addressee(f"{prefix}{COMMITTEE}", complete=False)


_STORED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STORED_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def stored_value(kind: str, value: Any) -> Any:
    """A value of a date or number field back from its JSON form: the dossier keeps cleaned
    values as DjangoJSONEncoder writes them, ISO dates and decimal points, which a Vietnamese
    reader (or the read-aloud voice) would take for something else. Text typed any other way
    is returned as it is."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if kind == FieldType.DATE and _STORED_DATE.fullmatch(text):
            return date.fromisoformat(text)
        if kind == FieldType.NUMBER and _STORED_NUMBER.fullmatch(text):
            return Decimal(text)
    except ValueError:
        pass
    return value


def format_value(value: Any) -> str:
    """A value as printed on a Vietnamese form: 05/09/2024, 2,5 (decimal comma)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_number(Decimal(value))
    return str(value).strip()


def format_number(number: Decimal) -> str:
    """1990 → '1990', 2.50 → '2,5'. No thousands dots: most numbers on a declaration are
    years and counts, where '1.990' would read wrong."""
    if not number.is_finite():
        return str(number)
    return f"{number.normalize():f}".replace(".", ",")

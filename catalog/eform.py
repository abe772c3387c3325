"""The e-form as a Django form, and as the lines of the printed declaration (tờ khai).

Pure: the fields are passed in, nothing here reads the database. The editor's preview, the
counter's assisted filling and the portal all build their form with `build_form_class`, so a
value valid in one place is valid in all of them.

Cleaned values by type: text, textarea, address, id_number and choice give a str; date a
`datetime.date`; number a `Decimal`; checkbox a bool; table a list of rows, each a list of
str with one cell per column (see `TableField`).
"""

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from catalog.models import EFormField, FieldType, PrefillSource
from core.validators import validate_form_date, validate_person_date

DATE_FORMAT = "%d/%m/%Y"
TEXT_MAX_LENGTH = 255  # a short text without its own maximum
LONG_TEXT_MAX_LENGTH = 2000  # long text and address without their own maximum
TABLE_MAX_ROWS = 100
TABLE_CELL_SEPARATOR = " | "
TEXT_TYPES = {FieldType.TEXT, FieldType.TEXTAREA, FieldType.ADDRESS}
PATTERN_TYPES = TEXT_TYPES | {FieldType.ID_NUMBER}
# The settings only some types use, with their empty values.
OPTIONAL_SETTINGS = {
    "choices": list,
    "columns": list,
    "min_length": lambda: None,
    "max_length": lambda: None,
    "min_value": lambda: None,
    "max_value": lambda: None,
    "pattern": str,
}

# Messages citizens read: plain words instead of Django's generic ones.
MESSAGES = {
    "required": _("Please fill in this item."),
    "min_length": _("Enter at least %(limit_value)d characters (you typed %(show_value)d)."),
    "max_length": _("Enter at most %(limit_value)d characters (you typed %(show_value)d)."),
    "min_value": _("Enter a number greater than or equal to %(limit_value)s."),
    "max_value": _("Enter a number less than or equal to %(limit_value)s."),
    "invalid_number": _("Enter a number, for example 1500000 or 2,5."),
    "max_digits": _("This number is too long."),
    "max_decimal_places": _("Enter at most %(max)s digits after the decimal comma."),
    "max_whole_digits": _("This number is too long."),
    "invalid_date": _("Enter the date as day/month/year, for example 05/09/2024."),
    "invalid_choice": _("Choose one of the options in the list."),
    "required_tick": _("Tick this box to continue."),
    "pattern": _("This value is not in the expected format."),
    "id_number": _(
        "The personal ID number must have exactly 12 digits (you typed %(count)d characters)."
    ),
    "table_too_many_cells": _(
        "Row %(row)d has %(count)d cells but the table has %(columns)d columns. "
        "Separate the cells with |."
    ),
    "table_too_many_rows": _("Enter at most %(limit)d rows."),
}


# --- Field kinds ---------------------------------------------------------------------------


class IdNumberField(forms.CharField):
    """The 12-digit personal ID number (số định danh cá nhân, on the CCCD card).

    Spaces and dots typed to group the digits are dropped: "001 099 012 345" is accepted."""

    def to_python(self, value):
        value = super().to_python(value)
        return re.sub(r"[\s.]", "", value)

    def validate(self, value):
        super().validate(value)
        if value and not re.fullmatch(r"[0-9]{12}", value):
            raise ValidationError(
                MESSAGES["id_number"], code="id_number", params={"count": len(value)}
            )


class VietnameseDecimalField(forms.DecimalField):
    """A number typed the Vietnamese way or the plain way.

    "2,5" is two and a half (comma as decimal sign); "1.500.000" is one and a half million
    (dots grouping thousands, only when every group has three digits); "12.5" and "1500000"
    read as usual. So "1.500" is one thousand five hundred, as a Vietnamese reader means it.
    """

    _GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?")

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"\s", "", value)
            if self._GROUPED.fullmatch(value):
                value = value.replace(".", "").replace(",", ".")
            elif value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


class TableField(forms.CharField):
    """A small table typed in a text area: one row per line, the cells separated by " | ".

    The cleaned value is a list of rows, each with exactly one cell per column (missing cells at
    the end of a row are empty). Blank lines are skipped. `format_table` writes the same text
    back, so a value round-trips through the form; a cell cannot itself contain "|".
    """

    widget = forms.Textarea

    def __init__(self, *, columns: Sequence[str], **kwargs):
        self.columns = list(columns)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return format_table(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value)
        rows = parse_table(text)
        if len(rows) > TABLE_MAX_ROWS:
            raise ValidationError(
                MESSAGES["table_too_many_rows"], code="max_rows", params={"limit": TABLE_MAX_ROWS}
            )
        width = len(self.columns) or 1
        for number, row in enumerate(rows, start=1):
            if len(row) > width:
                raise ValidationError(
                    MESSAGES["table_too_many_cells"],
                    code="too_many_cells",
                    params={"row": number, "count": len(row), "columns": width},
                )
        return [row + [""] * (width - len(row)) for row in rows]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        return None  # length and pattern checks make no sense on a list of rows


def parse_table(text: str) -> list[list[str]]:
    """'a | b\\n\\nc' → [['a', 'b'], ['c']]: blank lines skipped, cells stripped."""
    rows = []
    for line in (text or "").splitlines():
        if line.strip():
            rows.append([cell.strip() for cell in line.split("|")])
    return rows


def format_table(rows: Iterable[Sequence[str]]) -> str:
    """The text `parse_table` reads back: trailing empty cells are left out."""
    lines = []
    for row in rows:
        cells = [str(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        lines.append(TABLE_CELL_SEPARATOR.join(cells))
    return "\n".join(lines)


# --- The form ------------------------------------------------------------------------------


class EForm(forms.Form):
    """Base of every built e-form; `eform_fields` maps each key to its definition."""

    eform_fields: dict[str, EFormField] = {}

    def focus_first_error(self) -> None:
        focus_first_error(self)


def focus_first_error(form: forms.BaseForm) -> None:
    """Put the focus where the next action is, without JavaScript: the first field with an
    error, or the first field of a form without errors (DESIGN.md: keyboard-first)."""
    errors = form.errors if form.is_bound else {}
    visible = [name for name in form.fields if not form.fields[name].widget.is_hidden]
    names = [name for name in visible if name in errors] or visible[:1]
    for name in form.fields:
        form.fields[name].widget.attrs.pop("autofocus", None)
    for name in names[:1]:
        form.fields[name].widget.attrs["autofocus"] = True


def with_applicant_prefill(data, fields):
    """A copy of the posted `data` with the e-form fields the catalogue marks as known from the
    applicant (name, ID number, phone…) filled from the applicant's fields when left empty: the
    citizen is not asked twice (Decree 45/2020). The applicant fields carry the names that
    `prefill_from` gives after "applicant."."""
    data = data.copy()
    for item in fields:
        name = f"ef-{item.key}"
        if item.prefill_from and not data.get(name):
            data[name] = data.get(item.prefill_from.removeprefix("applicant."), "")
    return data


def build_form_class(fields: Iterable[EFormField]) -> type[EForm]:
    """A form class with one form field per e-form field, in the order given."""
    definitions = list(fields)
    attrs: dict[str, Any] = {"eform_fields": {item.key: item for item in definitions}}
    for item in definitions:
        attrs[item.key] = form_field_for(item)
    return type("EFormForm", (EForm,), attrs)


def form_field_for(item: EFormField) -> forms.Field:
    """The form field for one e-form field, with its checks and Vietnamese messages."""
    common = {
        "label": item.label,
        "required": item.required,
        "help_text": item.help_text,
        "error_messages": {"required": MESSAGES["required"]},
    }
    kind = item.field_type
    if kind == FieldType.DATE:
        built = forms.DateField(
            input_formats=[DATE_FORMAT],
            widget=forms.DateInput(
                format=DATE_FORMAT,
                attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "maxlength": 10},
            ),
            **common,
        )
        built.error_messages["invalid"] = MESSAGES["invalid_date"]
        person = item.prefill_from == PrefillSource.BIRTH_DATE
        built.validators.append(validate_person_date if person else validate_form_date)
        built.help_text = item.help_text or _("Day/month/year, e.g. 05/09/2024.")
    elif kind == FieldType.NUMBER:
        built = VietnameseDecimalField(
            min_value=item.min_value,
            max_value=item.max_value,
            max_digits=18,
            decimal_places=4,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
        built.error_messages.update(
            {
                "invalid": MESSAGES["invalid_number"],
                "min_value": MESSAGES["min_value"],
                "max_value": MESSAGES["max_value"],
                "max_digits": MESSAGES["max_digits"],
                "max_decimal_places": MESSAGES["max_decimal_places"],
                "max_whole_digits": MESSAGES["max_whole_digits"],
            }
        )
    elif kind == FieldType.CHOICE:
        options = [(choice, choice) for choice in item.choices or []]
        built = forms.ChoiceField(choices=[("", _("— choose —")), *options], **common)
        built.error_messages["invalid_choice"] = MESSAGES["invalid_choice"]
    elif kind == FieldType.CHECKBOX:
        common["error_messages"] = {"required": MESSAGES["required_tick"]}
        built = forms.BooleanField(**common)
    elif kind == FieldType.TABLE:
        columns = list(item.columns or [])
        built = TableField(
            columns=columns,
            widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
            **common,
        )
        hint = _("One row per line; separate the cells with |, e.g. %(example)s") % {
            "example": TABLE_CELL_SEPARATOR.join(columns)
        }
        built.help_text = f"{item.help_text} {hint}".strip()
    elif kind == FieldType.ID_NUMBER:
        built = IdNumberField(
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
        built.help_text = item.help_text or _("12 digits, as on the chip ID card.")
    else:
        long_text = kind in (FieldType.TEXTAREA, FieldType.ADDRESS)
        default_max = LONG_TEXT_MAX_LENGTH if long_text else TEXT_MAX_LENGTH
        widget = forms.Textarea(attrs={"rows": 3 if kind == FieldType.TEXTAREA else 2})
        built = forms.CharField(
            min_length=item.min_length,
            max_length=item.max_length or default_max,
            widget=widget if long_text else forms.TextInput(),
            **common,
        )
    built.error_messages.update(
        {"min_length": MESSAGES["min_length"], "max_length": MESSAGES["max_length"]}
    )
    if kind in PATTERN_TYPES and item.pattern:
        built.validators.append(pattern_validator(item.pattern))
    if item.prefill_from:
        # Lets the counter's script fill it from the applicant read off the ID card.
        built.widget.attrs["data-prefill"] = item.prefill_from
    return built


def pattern_validator(pattern: str) -> RegexValidator:
    """The whole value must match (not just a part of it)."""
    return RegexValidator(rf"\A(?:{pattern})\Z", message=MESSAGES["pattern"], code="pattern")


# --- Rules for a field definition (shared by the editor's form and the services) -----------


def definition_problems(
    *,
    field_type: str,
    choices: Sequence[str] = (),
    columns: Sequence[str] = (),
    min_length: int | None = None,
    max_length: int | None = None,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    pattern: str = "",
) -> dict[str, list[str]]:
    """What is wrong with a field definition, by setting name; empty when it is usable."""
    problems: dict[str, list[str]] = {}

    def add(name: str, message) -> None:
        problems.setdefault(name, []).append(str(message))

    if field_type == FieldType.CHOICE:
        if len(choices) < 2:
            add("choices", _("A choice needs at least two options, one per line."))
        duplicates = sorted({c for c in choices if list(choices).count(c) > 1})
        if duplicates:
            add(
                "choices",
                _("Each option once: “%(option)s” is listed twice.") % {"option": duplicates[0]},
            )
    if field_type == FieldType.TABLE and not columns:
        add("columns", _("A table needs at least one column, one title per line."))
    if min_length is not None and max_length is not None and min_length > max_length:
        add("min_length", _("The minimum length is larger than the maximum length."))
    if min_value is not None and max_value is not None and min_value > max_value:
        add("min_value", _("The minimum value is larger than the maximum value."))
    if pattern:
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            add(
                "pattern",
                _("The pattern is not a valid regular expression: %(error)s") % {"error": error},
            )
        else:
            if _NESTED_REPEAT.search(compiled.pattern):
                add(
                    "pattern",
                    _(
                        "Repetition inside repetition, like (a+)+, can freeze the server: "
                        "simplify the pattern."
                    ),
                )
    return problems


# A group that contains a quantifier and is itself repeated: the classic catastrophic
# backtracking shape. A heuristic, not a proof; patterns are written by agency admins.
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)[+*{]")


def relevant_settings(field_type: str) -> set[str]:
    """The optional settings a type uses; the others are cleared when a field is saved."""
    used = {
        FieldType.CHOICE: {"choices"},
        FieldType.TABLE: {"columns"},
        FieldType.NUMBER: {"min_value", "max_value"},
        FieldType.ID_NUMBER: {"pattern"},
    }.get(field_type, set())
    if field_type in TEXT_TYPES:
        used = {"min_length", "max_length", "pattern"}
    return used

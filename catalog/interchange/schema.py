"""The tables of the interchange format (docs/catalog-format.md): their keys, in order, and what
each key may hold.

Types, lengths, codes and defaults are read from the model fields, so a change to a model
changes what the import accepts without a second list to keep in step.
"""

import copy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from catalog.models import (
    ChannelTerm,
    EFormField,
    Fee,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredDocument,
    Step,
)

FORMAT = "motcua-catalogue"
FORMAT_VERSION = 1

# The format writes times as the country reads them, whatever the server's time zone.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_INTEGER_LIMITS = {
    "PositiveSmallIntegerField": 32767,
    "PositiveIntegerField": 2147483647,
    "PositiveBigIntegerField": 9223372036854775807,
}
_KINDS = {
    "BooleanField": "bool",
    "DecimalField": "decimal",
    "DateField": "date",
    "DateTimeField": "datetime",
    "JSONField": "list",
    "ForeignKey": "code",
}


@dataclass(frozen=True)
class Key:
    """One key of a table. `kind` is text, code (another table's code), bool, int, decimal, date,
    datetime, list (of texts) or tiers (a fee's later rates, catalog.fees)."""

    name: str
    kind: str
    required: bool = False
    default: Any = None
    nullable: bool = False
    blank: bool = True
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_digits: int | None = None
    decimal_places: int | None = None
    # A rule beyond the type: "slug" (form keys), "path" (stored files), "regex" (patterns),
    # "money" (amounts).
    rule: str = ""

    def default_value(self) -> Any:
        return copy.deepcopy(self.default)


def model_key(model, name: str, **overrides) -> Key:
    field = model._meta.get_field(name)
    internal = field.get_internal_type()
    required = not field.blank and not field.null and not field.has_default()
    attributes: dict[str, Any] = {
        "kind": _KINDS.get(internal, "text"),
        "required": required,
        "default": None if required else field.get_default(),
        "nullable": field.null,
        "blank": field.blank,
    }
    if internal in _INTEGER_LIMITS:
        attributes.update(kind="int", minimum=0, maximum=_INTEGER_LIMITS[internal])
    elif internal == "DecimalField":
        attributes.update(max_digits=field.max_digits, decimal_places=field.decimal_places)
    elif internal == "ForeignKey":
        attributes["max_length"] = field.related_model._meta.get_field("code").max_length
    elif internal == "FileField":
        attributes.update(max_length=field.max_length, rule="path", default="")
    elif attributes["kind"] == "text":
        attributes["max_length"] = field.max_length
        if field.choices:
            values = [value for value, _label in field.choices]
            attributes["choices"] = tuple(dict.fromkeys(values + ([""] if field.blank else [])))
    attributes.update(overrides)
    return Key(name=name, **attributes)


FIELD_KEYS = (model_key(ProcedureField, "code"), model_key(ProcedureField, "name"))
PROCEDURE_KEYS = (
    model_key(Procedure, "national_code"),
    model_key(Procedure, "local_code"),
    Key("agencies", "list", default=[]),
)
VERSION_KEYS = (
    model_key(ProcedureVersion, "number", minimum=1),
    # The model defaults to draft; an import must say which it is, published or not.
    model_key(ProcedureVersion, "status", required=True, default=None),
    *(
        model_key(ProcedureVersion, name)
        for name in (
            "name",
            "field",
            "implementing_level",
            "competent_agency_kind",
            "competent_agency_note",
            "online_level",
            "postal_receipt",
            "postal_return",
            "requirements",
            "legal_basis",
            "result_type",
            "publishing_decision",
            "effective_from",
            "effective_to",
            "published_at",
            "expired_at",
            "sources",
            "unconfirmed",
        )
    ),
)


def _keys(model, *names: str, **overrides_by_name) -> tuple[Key, ...]:
    return tuple(model_key(model, name, **overrides_by_name.get(name, {})) for name in names)


# The children of a version, in the order of the format, with their model and keys.
CHILD_TABLES: dict[str, tuple[type, tuple[Key, ...]]] = {
    "channels": (
        ChannelTerm,
        _keys(ChannelTerm, "channel", "available", "term_value", "term_unit", "term_text"),
    ),
    "fees": (
        Fee,
        _keys(
            Fee,
            "channel",
            "name",
            "amount",
            "collected_at",
            "note",
            "unit",
            "tiers",
            "cap_per_copy",
            "minimum",
            "item_name",
            "pages_field",
            "count_field",
            amount={"rule": "money"},
            tiers={"kind": "tiers"},
            cap_per_copy={"rule": "money"},
            minimum={"rule": "money"},
            pages_field={"rule": "slug"},
            count_field={"rule": "slug"},
        ),
    ),
    "documents": (
        RequiredDocument,
        _keys(
            RequiredDocument,
            "name",
            "originals",
            "certified_copies",
            "photocopies",
            "is_mandatory",
            "condition",
            "filling_guide",
            "template",
        ),
    ),
    "steps": (
        Step,
        _keys(
            Step,
            "title",
            "description",
            "responsible",
            "budget_value",
            "budget_unit",
            budget_value={"minimum": 0},
        ),
    ),
    "form_fields": (
        EFormField,
        _keys(
            EFormField,
            "key",
            "label",
            "field_type",
            "required",
            "help_text",
            "choices",
            "columns",
            "min_length",
            "max_length",
            "min_value",
            "max_value",
            "pattern",
            "prefill_from",
            key={"rule": "slug"},
            pattern={"rule": "regex"},
        ),
    ),
}


def decimal_text(value: Decimal | None) -> str | None:
    """Decimal("2.00") → "2", Decimal("1.50") → "1.5": the shortest exact text."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def datetime_text(value: datetime | None) -> str | None:
    return value.astimezone(VIETNAM).isoformat() if value is not None else None

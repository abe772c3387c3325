"""The whole catalogue as one document of the interchange format, in a stable order."""

import json
from typing import Any

from django.db.models import Prefetch, QuerySet

from catalog.models import Procedure, ProcedureField, ProcedureVersion
from org.models import Agency

from .schema import (
    CHILD_TABLES,
    FORMAT,
    FORMAT_VERSION,
    VERSION_KEYS,
    Key,
    datetime_text,
    decimal_text,
)


def versions_with_children() -> QuerySet[ProcedureVersion]:
    # Children come in their models' order: channels by code, the others by `order`.
    return (
        ProcedureVersion.objects.order_by("number")
        .select_related("field")
        .prefetch_related(*CHILD_TABLES)
    )


def procedures_with_versions() -> QuerySet[Procedure]:
    return Procedure.objects.order_by("national_code", "local_code").prefetch_related(
        Prefetch("agencies", queryset=Agency.objects.order_by("code")),
        Prefetch("versions", queryset=versions_with_children()),
    )


def export_value(key: Key, value: Any) -> Any:
    if key.kind == "code":
        return value.code
    if key.kind == "decimal":
        return decimal_text(value)
    if key.kind == "date":
        return value.isoformat() if value is not None else None
    if key.kind == "datetime":
        return datetime_text(value)
    if key.kind == "list":
        return list(value)
    if key.rule == "path":
        return value.name or ""
    return value


def row_data(row, keys: tuple[Key, ...]) -> dict[str, Any]:
    return {key.name: export_value(key, getattr(row, key.name)) for key in keys}


def version_data(version: ProcedureVersion) -> dict[str, Any]:
    """One version as the format writes it; the import compares stored versions in this form."""
    data = row_data(version, VERSION_KEYS)
    for relation, (_model, keys) in CHILD_TABLES.items():
        data[relation] = [row_data(child, keys) for child in getattr(version, relation).all()]
    return data


def procedure_data(procedure: Procedure) -> dict[str, Any]:
    data = {"national_code": procedure.national_code, "local_code": procedure.local_code}
    data["agencies"] = [agency.code for agency in procedure.agencies.all()]
    data["versions"] = [version_data(version) for version in procedure.versions.all()]
    return data


def catalog_export_data() -> dict[str, Any]:
    """Every field, and every procedure with all its versions, oldest version first."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "fields": [
            {"code": field.code, "name": field.name}
            for field in ProcedureField.objects.order_by("code")
        ],
        "procedures": [procedure_data(procedure) for procedure in procedures_with_versions()],
    }


def catalog_export_json() -> str:
    # Indented one space and not escaped: diffs of two exports stay small and readable.
    return json.dumps(catalog_export_data(), indent=1, ensure_ascii=False) + "\n"

"""Importing a catalogue document: validate all of it, then apply all of it or nothing."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Procedure, ProcedureField, ProcedureVersion
from core.audit import audit_record
from org.models import Agency

from .export import procedures_with_versions, version_data
from .schema import CHILD_TABLES, VERSION_KEYS, Key
from .validate import Problem, Stored, validate_document


@dataclass
class ImportResult:
    created_procedures: int = 0
    created_versions: int = 0
    updated_drafts: int = 0
    skipped_versions: int = 0
    problems: list[Problem] = field(default_factory=list)


def catalog_import_json(text: str, *, actor=None) -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = _("line %(line)d, column %(column)d") % {
            "line": error.lineno,
            "column": error.colno,
        }
        return ImportResult(problems=[Problem(where, _("the file is not valid JSON"))])
    return catalog_import(data=data, actor=actor)


def catalog_import(
    *,
    data: dict,
    actor=None,
    read_problems: Iterable[Problem] = (),
    locate: Callable[[str], str] | None = None,
) -> ImportResult:
    """Apply a catalogue document, or nothing at all when it has any problem.

    `read_problems` are those found while reading a file into `data` (they stop the import too);
    `locate` turns a path in the document into where it is in that file.
    """
    # The snapshot is read inside the transaction that writes, with the listed procedures locked
    # as `version_draft` locks them, so what was checked is what gets changed even when an
    # administrator opens a draft at the same moment.
    with transaction.atomic():
        stored, procedures = _stored(data)
        clean, problems = validate_document(data, stored)
        if locate is not None:
            problems = [Problem(locate(problem.where), problem.message) for problem in problems]
        problems = list(dict.fromkeys([*read_problems, *problems]))
        if problems:
            return ImportResult(problems=problems)
        result, field_changes = _apply(clean, stored=stored, procedures=procedures, actor=actor)
        audit_record(
            action="catalog_import",
            actor=actor,
            object_type="catalog.procedure",
            object_repr=_("procedure catalogue"),
            new={
                "created_procedures": result.created_procedures,
                "created_versions": result.created_versions,
                "updated_drafts": result.updated_drafts,
                "skipped_versions": result.skipped_versions,
                **field_changes,
            },
        )
    return result


def _stored(data: Any) -> tuple[Stored, dict[tuple[str, str], Procedure]]:
    """What the rules need from the database, for the procedures and agencies the file names."""
    listed = data.get("procedures") if isinstance(data, dict) else None
    listed = [item for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []
    national_codes = [
        item["national_code"] for item in listed if isinstance(item.get("national_code"), str)
    ]
    agency_codes = {
        code
        for item in listed
        if isinstance(item.get("agencies"), list)
        for code in item["agencies"]
        if isinstance(code, str)
    }
    procedures = {
        (procedure.national_code, procedure.local_code): procedure
        for procedure in procedures_with_versions()
        .filter(national_code__in=national_codes)
        .select_for_update()
    }
    stored = Stored(
        field_names=dict(ProcedureField.objects.values_list("code", "name")),
        agency_codes=frozenset(
            Agency.objects.filter(code__in=agency_codes).values_list("code", flat=True)
        ),
        versions={
            codes: {version.number: version_data(version) for version in procedure.versions.all()}
            for codes, procedure in procedures.items()
        },
    )
    return stored, procedures


def _apply(
    clean: dict, *, stored: Stored, procedures: dict, actor
) -> tuple[ImportResult, dict[str, list[str]]]:
    result = ImportResult()
    fields, field_changes = _apply_fields(clean["fields"])
    creator = actor if actor is not None and actor.is_authenticated else None
    for data in clean["procedures"]:
        codes = (data["national_code"], data["local_code"])
        procedure = procedures.get(codes)
        if procedure is None:
            procedure = Procedure.objects.create(national_code=codes[0], local_code=codes[1])
            result.created_procedures += 1
        procedure.agencies.add(*Agency.objects.filter(code__in=data["agencies"]))
        existing = {version.number: version for version in procedure.versions.all()}
        kept = stored.versions.get(codes, {})
        new_versions = []
        for version in data["versions"]:
            number = version["number"]
            if number not in existing:
                new_versions.append(version)
            elif kept[number] == version:
                result.skipped_versions += 1
            else:
                # Validation let a stored version differ only when it is a draft.
                _write_version(existing[number], version, fields=fields)
                result.updated_drafts += 1
        # New versions only after the draft is replaced: a draft that becomes published must
        # leave the draft place before a new draft takes it, or the one-draft-per-procedure
        # constraint would trip half-way.
        for version in new_versions:
            target = ProcedureVersion(procedure=procedure, created_by=creator)
            _write_version(target, version, fields=fields)
            result.created_versions += 1
    return result, field_changes


def _apply_fields(listed: list[dict]) -> tuple[dict[str, ProcedureField], dict[str, list[str]]]:
    """Create the new fields and rename the others; returns every field by code."""
    fields = {field.code: field for field in ProcedureField.objects.all()}
    renamed = [
        fields[item["code"]]
        for item in listed
        if item["code"] in fields and fields[item["code"]].name != item["name"]
    ]
    # Names are unique: park the renamed ones on names made of their codes first, so two fields
    # can swap names.
    for field_row in renamed:
        field_row.name = f"(renaming {field_row.code})"
        field_row.save(update_fields=["name"])
    names = {item["code"]: item["name"] for item in listed}
    for field_row in renamed:
        field_row.name = names[field_row.code]
        field_row.save(update_fields=["name"])
    created = []
    for item in listed:
        if item["code"] not in fields:
            fields[item["code"]] = ProcedureField.objects.create(**item)
            created.append(item["code"])
    if renamed:
        _refresh_search_text(ProcedureVersion.objects.filter(field__in=renamed))
    return fields, {
        "created_fields": created,
        "renamed_fields": [field_row.code for field_row in renamed],
    }


def _refresh_search_text(versions) -> None:
    from catalog.search import version_search_text

    versions = list(versions.select_related("procedure", "field"))
    for version in versions:
        version.search_text = version_search_text(version)
    ProcedureVersion.objects.bulk_update(versions, ["search_text"])


def _write_version(version: ProcedureVersion, data: dict, *, fields: dict) -> None:
    """Save the version's values and replace its children with the listed ones."""
    from catalog.search import version_search_text

    for key in VERSION_KEYS:
        value = data[key.name]
        setattr(version, key.name, fields[value] if key.kind == "code" else model_value(key, value))
    version.search_text = version_search_text(version)
    version.save()
    for relation, (model, keys) in CHILD_TABLES.items():
        getattr(version, relation).all().delete()
        # `order` is the position in the list; channels have none and are kept by code.
        ordered = any(model_field.name == "order" for model_field in model._meta.fields)
        rows = []
        for position, child in enumerate(data[relation]):
            values = {key.name: model_value(key, child[key.name]) for key in keys}
            if ordered:
                values["order"] = position
            rows.append(model(version=version, **values))
        model.objects.bulk_create(rows)


def model_value(key: Key, value: Any) -> Any:
    """A canonical value of the format as the model stores it."""
    if value is None:
        return None
    if key.kind == "decimal":
        return Decimal(value)
    if key.kind == "date":
        return date.fromisoformat(value)
    if key.kind == "datetime":
        return datetime.fromisoformat(value)
    return value

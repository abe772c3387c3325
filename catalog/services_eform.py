"""Writes to a draft version's e-form: add, change, move and delete fields.

Only a draft changes (published versions are what dossiers were received under). Each write
locks the version row, so two administrators editing at once never break the contiguous
order 0, 1, 2, … or the unique keys; each change appends one audit row.
"""

import re
from collections.abc import Collection
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalog.eform import OPTIONAL_SETTINGS, definition_problems, relevant_settings
from catalog.models import EFormField, ProcedureVersion
from core.audit import audit_record
from core.text import fold

EDITABLE = (
    "label",
    "key",
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
)
KEY_MAX_LENGTH = EFormField._meta.get_field("key").max_length


def key_from_label(label: str, *, taken: Collection[str] = ()) -> str:
    """'Họ và tên của trẻ' → 'ho_va_ten_cua_tre'; 'ho_va_ten_cua_tre_2' if that is taken."""
    base = slugify(re.sub(r"\W+", " ", fold(label))).replace("-", "_")
    base = re.sub(r"^[\d_]+", "", base) or "field"  # "1. Họ tên" → "ho_ten"
    key, number = base[:KEY_MAX_LENGTH].rstrip("_"), 1
    while key in taken:
        number += 1
        suffix = f"_{number}"
        key = base[: KEY_MAX_LENGTH - len(suffix)].rstrip("_") + suffix
    return key


@transaction.atomic
def eform_field_add(*, version: ProcedureVersion, actor, data: dict[str, Any]) -> EFormField:
    """Append a field at the end of the draft's form. An empty key is made from the label."""
    version = _locked_draft(version)
    values = _checked(version, data, field=None)
    position = len(_renumber(version))
    field = EFormField.objects.create(version=version, order=position, **values)
    _audit("eform_field_add", field, actor, new=_snapshot(field))
    return field


@transaction.atomic
def eform_field_update(*, field: EFormField, actor, data: dict[str, Any]) -> EFormField:
    """Change a field's definition; its place in the form stays."""
    version = _locked_draft(field.version)
    field = EFormField.objects.get(pk=field.pk)
    field.version = version
    before = _snapshot(field)
    values = _checked(version, {**before, **data}, field=field)
    for name, value in values.items():
        setattr(field, name, value)
    field.save()
    after = _snapshot(field)
    changed = [name for name in EDITABLE if before[name] != after[name]]
    if changed:
        _audit(
            "eform_field_update",
            field,
            actor,
            old={name: before[name] for name in changed},
            new={name: after[name] for name in changed},
        )
    return field


@transaction.atomic
def eform_field_delete(*, field: EFormField, actor) -> None:
    """Remove a field from the draft; the fields after it move up one place."""
    version = _locked_draft(field.version)
    field = EFormField.objects.get(pk=field.pk)
    field.version = version
    old = _snapshot(field)
    _audit("eform_field_delete", field, actor, old=old)
    field.delete()
    _renumber(version)


@transaction.atomic
def eform_field_move(*, field: EFormField, actor, direction: Literal["up", "down"]) -> EFormField:
    """Swap a field with its neighbour above or below. At the top or bottom nothing changes."""
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    version = _locked_draft(field.version)
    fields = _renumber(version)  # repairs any gap left by older data before counting places
    position = next((i for i, item in enumerate(fields) if item.pk == field.pk), None)
    if position is None:  # deleted by someone else meanwhile
        raise EFormField.DoesNotExist
    target = position - 1 if direction == "up" else position + 1
    if not 0 <= target < len(fields):
        return fields[position]
    moved, other = fields[position], fields[target]
    moved.version = version
    moved.order, other.order = target, position
    EFormField.objects.bulk_update([moved, other], ["order"])
    _audit(
        "eform_field_move",
        moved,
        actor,
        old={"order": position},
        new={"order": target, "direction": direction},
    )
    return moved


# --- Helpers -------------------------------------------------------------------------------


def _locked_draft(version: ProcedureVersion) -> ProcedureVersion:
    # Lock the version: orders and keys are computed from its fields, and publishing (which
    # also locks it) must not slip in between the check and the write.
    version = (
        ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    )
    if not version.is_editable:
        raise ValidationError(
            _("Only a draft's e-form can be changed; published versions never change.")
        )
    return version


def _checked(version: ProcedureVersion, data: dict[str, Any], *, field: EFormField | None):
    """The values to save: known names only, settings the type does not use cleared, the key
    made from the label when empty and checked to be unique, the rules of the type applied."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not e-form field settings: {sorted(unknown)}")
    values = {name: data[name] for name in EDITABLE if name in data}
    values["label"] = (values.get("label") or "").strip()
    if not values["label"]:
        raise ValidationError({"label": _("Give the field a label.")})
    values.setdefault("field_type", "text")
    used = relevant_settings(values["field_type"])
    for name, empty in OPTIONAL_SETTINGS.items():
        if name not in used or values.get(name) is None:
            values[name] = empty()
    for name in ("choices", "columns"):
        values[name] = [str(item).strip() for item in values[name] if str(item).strip()]
    problems = definition_problems(
        **{name: values[name] for name in ("field_type", *OPTIONAL_SETTINGS)}
    )
    if problems:
        raise ValidationError(problems)
    others = version.form_fields.exclude(pk=field.pk if field else None)
    taken = set(others.values_list("key", flat=True))
    key = (values.get("key") or "").strip()
    if not key:
        key = key_from_label(values["label"], taken=taken)
    elif key in taken:
        raise ValidationError(
            {"key": _("Another field of this form already uses the key “%(key)s”.") % {"key": key}}
        )
    values["key"] = key
    candidate = EFormField(version=version, **values)
    candidate.full_clean(exclude=["version", "order"], validate_constraints=False)
    return values


def _renumber(version: ProcedureVersion) -> list[EFormField]:
    """Orders 0, 1, 2, … in the current order, with no gap. Returns the fields in order."""
    fields = list(version.form_fields.order_by("order", "id"))
    changed = []
    for position, item in enumerate(fields):
        if item.order != position:
            item.order = position
            changed.append(item)
    if changed:
        EFormField.objects.bulk_update(changed, ["order"])
    return fields


def _snapshot(field: EFormField) -> dict[str, Any]:
    return {name: getattr(field, name) for name in EDITABLE}


def _audit(action: str, field: EFormField, actor, *, old=None, new=None) -> None:
    version = field.version
    audit_record(
        action=action,
        actor=actor,
        obj=field,
        object_repr=f"{version.procedure.code} v{version.number}: {field.label}"[:255],
        old=old,
        new={"procedure": version.procedure.code, "version": version.number, **(new or {})},
    )

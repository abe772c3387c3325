"""Checking a catalogue document before anything is written: every problem, with where it is.

Pure: what the database holds comes in as a `Stored` snapshot, so the rules are tested without
one. The result is the document in canonical form (every key present, dates, times and decimals
written the way the export writes them), which is what the import compares and writes.

Longer than our usual ~400 lines on purpose: it reads one document top to bottom in the order of
the format (docs/catalog-format.md), section by section, and a reader checking a rule against
the format finds it here in the same place; split, each part would need the others' context.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import Any

from django.utils.translation import gettext as _

from catalog.fees import FeeRule, link_problems, rule_problems, tiers_from_data
from catalog.models import VersionStatus

from .schema import (
    CHILD_TABLES,
    FIELD_KEYS,
    FORMAT,
    FORMAT_VERSION,
    PROCEDURE_KEYS,
    VERSION_KEYS,
    Key,
    datetime_text,
    decimal_text,
)

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# A published or expired version is what dossiers were received under: it never changes.
_FROZEN = (VersionStatus.PUBLISHED, VersionStatus.EXPIRED)


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Stored:
    """What the database holds that the rules need."""

    field_names: dict[str, str]  # code → name
    agency_codes: frozenset[str]
    # (national_code, local_code) → number → the stored version as `version_data` writes it.
    versions: dict[tuple[str, str], dict[int, dict[str, Any]]]


def procedure_label(national_code: str, local_code: str) -> str:
    return f"{national_code} ({local_code})" if local_code else national_code


class _Checker:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def rows(self, container: dict, name: str, path: str) -> list[tuple[str, Any]]:
        """The items of a list key with their paths; a missing list is an empty one."""
        items = container.get(name, [])
        if not isinstance(items, list):
            self.add(path, _("must be a list"))
            return []
        return [(f"{path}[{index}]", item) for index, item in enumerate(items)]

    def row(self, raw: Any, keys: tuple[Key, ...], path: str, lists=()) -> dict | None:
        """The canonical row, or None when it is not an object at all."""
        if not isinstance(raw, dict):
            self.add(path, _("must be an object with keys"))
            return None
        known = {key.name for key in keys} | set(lists)
        for name in raw:
            if name not in known:
                self.add(f"{path}.{name}", _("unknown key"))
        clean = {}
        for key in keys:
            if key.name in raw:
                clean[key.name] = self.value(key, raw[key.name], f"{path}.{key.name}")
            elif key.required:
                self.add(f"{path}.{key.name}", _("is required"))
                clean[key.name] = None
            else:
                clean[key.name] = key.default_value()
        return clean

    def value(self, key: Key, value: Any, where: str) -> Any:
        """The value in canonical form; on a problem, the problem is noted and None returned."""
        if value is None and key.nullable:
            return None
        check = getattr(self, f"_{key.kind}")
        return check(key, value, where)

    def _text(self, key: Key, value: Any, where: str) -> str | None:
        if not isinstance(value, str):
            self.add(where, _("must be text"))
            return None
        if not key.blank and not value.strip():
            self.add(where, _("must not be empty"))
        elif key.max_length and len(value) > key.max_length:
            self.add(
                where,
                _("must be at most %(limit)d characters long (it has %(length)d)")
                % {"limit": key.max_length, "length": len(value)},
            )
        elif key.choices and value not in key.choices:
            self.add(
                where,
                _("must be one of: %(choices)s")
                % {"choices": ", ".join(f'"{choice}"' for choice in key.choices)},
            )
        elif key.rule == "slug" and value and not _SLUG.fullmatch(value):
            self.add(where, _("must be a short name of letters, digits, _ and - only"))
        elif key.rule == "path" and value and not _is_storage_path(value):
            self.add(where, _("must be a relative path in the file storage, without .."))
        elif key.rule == "regex" and not _is_pattern(value):
            self.add(where, _("is not a valid regular expression"))
        else:
            return value
        return None

    _code = _text

    def _bool(self, key: Key, value: Any, where: str) -> bool | None:
        if not isinstance(value, bool):
            self.add(where, _("must be true or false"))
            return None
        return value

    def _int(self, key: Key, value: Any, where: str) -> int | None:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if not is_int or value < key.minimum:
            if key.rule == "money":
                self.add(where, _("must be a whole number of đồng, not negative"))
            elif key.minimum:
                self.add(where, _("must be a whole number, at least %(minimum)d") % vars(key))
            else:
                self.add(where, _("must be a whole number, not negative"))
            return None
        if value > key.maximum:
            self.add(where, _("must be at most %(maximum)d") % vars(key))
            return None
        return value

    def _decimal(self, key: Key, value: Any, where: str) -> str | None:
        number = None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            try:
                number = Decimal(str(value).strip())
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite():
            self.add(where, _('must be a decimal number written as text, e.g. "1.5"'))
            return None
        number = number.normalize()
        whole_digits = key.max_digits - key.decimal_places
        if key.minimum is not None and number < key.minimum:
            self.add(where, _("must not be negative"))
        elif -number.as_tuple().exponent > key.decimal_places:
            self.add(
                where,
                _("must have at most %(places)d decimal places") % {"places": key.decimal_places},
            )
        elif abs(number) >= 10**whole_digits:
            self.add(where, _("must be less than %(limit)d") % {"limit": 10**whole_digits})
        else:
            return decimal_text(number)
        return None

    def _date(self, key: Key, value: Any, where: str) -> str | None:
        try:
            return date.fromisoformat(value).isoformat()
        except (TypeError, ValueError):
            self.add(where, _("must be a date written YYYY-MM-DD, e.g. 2025-07-01"))
            return None

    def _datetime(self, key: Key, value: Any, where: str) -> str | None:
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            moment = None
        if moment is None or moment.tzinfo is None:
            self.add(
                where,
                _("must be a date and time with its time zone, e.g. 2025-07-01T08:00:00+07:00"),
            )
            return None
        return datetime_text(moment)

    def _tiers(self, key: Key, value: Any, where: str) -> list[dict] | None:
        """A fee's later rates: [{"from": 3, "rate": 1000}], whole numbers."""

        def whole(number) -> bool:
            return isinstance(number, int) and not isinstance(number, bool) and number >= 0

        wrong = not isinstance(value, list) or not all(
            isinstance(item, dict)
            and set(item) == {"from", "rate"}
            and all(whole(number) for number in item.values())
            for item in value
        )
        if wrong:
            self.add(
                where,
                _(
                    'must be a list of later rates, e.g. [{"from": 3, "rate": 1000}], in whole '
                    "numbers of đồng"
                ),
            )
            return None
        return [{"from": item["from"], "rate": item["rate"]} for item in value]

    def _list(self, key: Key, value: Any, where: str) -> list[str] | None:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.add(where, _("must be a list of texts"))
            return None
        return list(value)


def _is_pattern(value: str) -> bool:
    try:
        re.compile(value)
    except re.error:
        return False
    return True


def _is_storage_path(value: str) -> bool:
    # Stored names are relative to the storage root; ".." or an absolute path would point a
    # document's template outside it.
    # Only the catalogue's own template folder: any other stored file (a citizen's scan) must
    # never become a public download through an imported path.
    path = PurePosixPath(value.replace("\\", "/"))
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and ":" not in value
        and path.parts[:2] == ("catalog", "templates")
    )


def validate_document(data: Any, stored: Stored) -> tuple[dict[str, Any], list[Problem]]:
    """The canonical document and the list of problems; apply it only when the list is empty."""
    checker = _Checker()
    if not isinstance(data, dict):
        return {}, [Problem("document", _("must be a JSON object (a MotCua catalogue)"))]
    if data.get("format") != FORMAT:
        checker.add(
            "format", _('must be "%(format)s": this is not a MotCua catalogue') % {"format": FORMAT}
        )
    elif type(data.get("format_version")) is not int or data["format_version"] != FORMAT_VERSION:
        checker.add(
            "format_version",
            _("version %(found)r of the format is not supported; this MotCua reads version 1")
            % {"found": data.get("format_version")},
        )
    if checker.problems:
        # Another format's keys would only produce noise: say this one thing.
        return {}, checker.problems
    for name in data:
        if name not in ("format", "format_version", "fields", "procedures"):
            checker.add(name, _("unknown key"))

    fields = _check_fields(checker, data, stored)
    known_fields = set(stored.field_names) | {field["code"] for field in fields}
    procedures = []
    seen: set[tuple[str, str]] = set()
    for path, raw in checker.rows(data, "procedures", "procedures"):
        procedure = checker.row(raw, PROCEDURE_KEYS, path, lists=("versions",))
        if procedure is None:
            continue
        codes = (procedure["national_code"], procedure["local_code"])
        if None not in codes:
            if codes in seen:
                checker.add(
                    f"{path}.national_code",
                    _("procedure %(code)s is listed twice") % {"code": procedure_label(*codes)},
                )
            seen.add(codes)
        for index, code in enumerate(procedure["agencies"] or []):
            if code not in stored.agency_codes:
                checker.add(
                    f"{path}.agencies[{index}]",
                    _("no agency with the code %(code)s exists here") % {"code": code},
                )
        checked = _check_versions(checker, raw, path, known_fields)
        procedure["versions"] = [version for _path, version, _valid in checked]
        if None not in codes:
            kept = stored.versions.get(codes, {})
            _check_against_stored(checker, codes, checked, stored=kept)
        procedures.append(procedure)
    clean = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "fields": fields,
        "procedures": procedures,
    }
    return clean, checker.problems


def _check_fields(checker: _Checker, data: dict, stored: Stored) -> list[dict]:
    fields = []
    for path, raw in checker.rows(data, "fields", "fields"):
        field = checker.row(raw, FIELD_KEYS, path)
        if field is None:
            continue
        if field["code"] is not None and any(other["code"] == field["code"] for other in fields):
            checker.add(
                f"{path}.code", _("the field %(code)s is listed twice") % {"code": field["code"]}
            )
        fields.append(field | {"path": path})
    # Names are unique too: check them as they will be after the import renames fields.
    names = dict(stored.field_names) | {field["code"]: field["name"] for field in fields}
    for field in fields:
        for code, name in names.items():
            if field["name"] is not None and name == field["name"] and code != field["code"]:
                checker.add(
                    f"{field['path']}.name",
                    _("another field, %(code)s, has this name") % {"code": code},
                )
    return [{"code": field["code"], "name": field["name"]} for field in fields]


def _check_versions(
    checker: _Checker, raw: dict, path: str, known_fields: set
) -> list[tuple[str, dict, bool]]:
    """The canonical versions with their paths, and for each whether it is free of problems."""
    checked = []
    numbers: set[int] = set()
    statuses: set[str] = set()
    for version_path, raw_version in checker.rows(raw, "versions", f"{path}.versions"):
        before = len(checker.problems)
        version = checker.row(raw_version, VERSION_KEYS, version_path, lists=CHILD_TABLES)
        if version is None:
            continue
        number, status = version["number"], version["status"]
        if number is not None and number in numbers:
            checker.add(
                f"{version_path}.number",
                _("version %(number)d is listed twice") % {"number": number},
            )
        numbers.add(number)
        if status in (VersionStatus.PUBLISHED, VersionStatus.DRAFT) and status in statuses:
            checker.add(f"{version_path}.status", _one_of_each_message(status))
        statuses.add(status)
        if version["field"] is not None and version["field"] not in known_fields:
            checker.add(
                f"{version_path}.field",
                _("the field %(code)s is neither in this file's fields nor in the catalogue")
                % {"code": version["field"]},
            )
        starts, ends = version["effective_from"], version["effective_to"]
        if starts and ends and ends < starts:
            checker.add(f"{version_path}.effective_to", _("must not be before effective_from"))
        for relation, (_model, keys) in CHILD_TABLES.items():
            version[relation] = _check_children(
                checker, raw_version, relation, keys, f"{version_path}.{relation}"
            )
        _check_fee_rules(checker, version, version_path)
        # Channels have no position in the database: the export lists them by code.
        version["channels"].sort(key=lambda channel: channel["channel"] or "")
        checked.append((version_path, version, len(checker.problems) == before))
    return checked


def _check_children(
    checker: _Checker, raw_version: dict, relation: str, keys: tuple[Key, ...], path: str
) -> list[dict]:
    children = []
    unique_key = {"channels": "channel", "form_fields": "key"}.get(relation)
    seen = set()
    for child_path, raw_child in checker.rows(raw_version, relation, path):
        child = checker.row(raw_child, keys, child_path)
        if child is None:
            continue
        if unique_key and child[unique_key] is not None:
            if child[unique_key] in seen:
                checker.add(
                    f"{child_path}.{unique_key}",
                    _("%(value)s is listed twice in this version") % {"value": child[unique_key]},
                )
            seen.add(child[unique_key])
        children.append(child)
    return children


def _check_fee_rules(checker: _Checker, version: dict, version_path: str) -> None:
    """Each fee's rule fits together, and reads quantities only from the version's number
    fields (catalog.fees)."""
    number_fields = {
        field["key"] for field in version["form_fields"] if field["field_type"] == "number"
    }
    for index, fee in enumerate(version["fees"]):
        path = f"{version_path}.fees[{index}]"
        if None in (fee["amount"], fee["unit"], fee["tiers"]):
            continue  # a wrong value, already reported
        rule = FeeRule(
            amount=fee["amount"],
            unit=fee["unit"],
            tiers=tiers_from_data(fee["tiers"]),
            cap_per_copy=fee["cap_per_copy"],
            minimum=fee["minimum"],
            item_name=fee["item_name"] or "",
        )
        problems = rule_problems(rule) + link_problems(
            fee["unit"],
            pages_field=fee["pages_field"] or "",
            count_field=fee["count_field"] or "",
            number_fields=number_fields,
        )
        for name, message in problems:
            checker.add(f"{path}.{name}", message)


def _one_of_each_message(status: str) -> str:
    if status == VersionStatus.PUBLISHED:
        return _("a procedure has at most one published version")
    return _("a procedure has at most one draft version")


def _check_against_stored(
    checker: _Checker, codes: tuple[str, str], checked: list, *, stored: dict
) -> None:
    """Published versions never change, and the result keeps one published and one draft."""
    code = procedure_label(*codes)
    listed = {version["number"] for _path, version, _valid in checked}
    for version_path, version, valid in checked:
        kept = stored.get(version["number"])
        if kept is not None and kept["status"] in _FROZEN and valid and kept != version:
            checker.add(
                f"{version_path}.number",
                _(
                    "%(status)s version %(number)d of %(code)s differs from the one stored; "
                    "published versions never change — import it as a new version number"
                )
                % {
                    "status": _status_word(kept["status"]),
                    "number": version["number"],
                    "code": code,
                },
            )
        status = version["status"]
        if status not in (VersionStatus.PUBLISHED, VersionStatus.DRAFT):
            continue
        for number, stored_version in stored.items():
            if number not in listed and stored_version["status"] == status:
                checker.add(
                    f"{version_path}.status",
                    _("%(code)s already has %(status)s version %(number)d stored; %(rule)s")
                    % {
                        "code": code,
                        "status": _status_word(status),
                        "number": number,
                        "rule": _one_of_each_message(status),
                    },
                )


def _status_word(status: str) -> str:
    return str(VersionStatus(status).label)

"""Catalogue export and import (docs/catalog-format.md): round trips, all-or-nothing imports,
and problems reported where they are."""

import copy
import json
from datetime import datetime
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from catalog.fees import FeeRule, FeeUnit, Quantities, Tier, fee_amount
from catalog.interchange import (
    catalog_export_data,
    catalog_export_excel,
    catalog_export_json,
    catalog_import,
    catalog_import_excel,
    catalog_import_json,
)
from catalog.interchange.validate import Stored, validate_document
from catalog.models import Fee, Procedure, ProcedureField, ProcedureVersion
from catalog.search import version_search_text
from core.models import AuditEvent
from org.tests.factories import AgencyFactory

from .factories import (
    ProcedureFactory,
    ProcedureFieldFactory,
    ProcedureVersionFactory,
    full_procedure,
)

HANOI_COMMITTEE = "000.00.70.H01"
HANOI_CENTRE = "000.00.71.H01"


@pytest.fixture
def agencies(db):
    return [AgencyFactory(code=HANOI_COMMITTEE), AgencyFactory(code=HANOI_CENTRE)]


@pytest.fixture
def catalogue(agencies):
    """Three procedures: birth registration with an expired, a published and a draft version;
    a provincial variant of certification; and a bare draft. One field is used by none."""
    civil_status = ProcedureFieldFactory(code="HT", name="Hộ tịch")
    certification = ProcedureFieldFactory(code="CT", name="Chứng thực")
    ProcedureFieldFactory(code="DD", name="Đất đai")
    birth = ProcedureFactory(national_code="1.001193", agencies=agencies)
    full_procedure(procedure=birth, field=civil_status, expired=True, name="Đăng ký khai sinh")
    full_procedure(procedure=birth, field=civil_status, name="Thủ tục đăng ký khai sinh")
    full_procedure(procedure=birth, field=civil_status, draft=True, name="Khai sinh (dự thảo)")
    copies = ProcedureFactory(
        national_code="2.000815", local_code="2.000815.000.00.00.H38", agencies=agencies[:1]
    )
    full_procedure(procedure=copies, field=certification, name="Chứng thực bản sao từ bản chính")
    ProcedureVersionFactory(
        procedure=ProcedureFactory(national_code="1.000001"),
        field=certification,
        draft=True,
        name="Thủ tục chưa có thành phần hồ sơ",
    )


def empty_catalogue() -> None:
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    ProcedureField.objects.all().delete()


def counts() -> dict[str, int]:
    return {
        "fields": ProcedureField.objects.count(),
        "procedures": Procedure.objects.count(),
        "versions": ProcedureVersion.objects.count(),
        "fees": Fee.objects.count(),
    }


def birth_document(agency_code: str = HANOI_COMMITTEE) -> dict:
    """A hand-written document that leaves out the keys whose defaults will do."""
    return {
        "format": "motcua-catalogue",
        "format_version": 1,
        "fields": [{"code": "HT", "name": "Hộ tịch"}],
        "procedures": [
            {
                "national_code": "1.001193",
                "local_code": "",
                "agencies": [agency_code],
                "versions": [
                    {
                        "number": 1,
                        "status": "published",
                        "name": "Thủ tục đăng ký khai sinh",
                        "field": "HT",
                        "effective_from": "2025-07-01",
                        "published_at": "2025-07-01T00:00:00+07:00",
                        "channels": [{"channel": "1", "term_value": 0}],
                        "fees": [
                            {"name": "Lệ phí đăng ký khai sinh", "amount": 0},
                            {"name": "Phí cấp bản sao", "amount": 8000, "collected_at": "4"},
                        ],
                        "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1}],
                        "steps": [{"title": "Tiếp nhận hồ sơ", "budget_value": "2"}],
                        "form_fields": [
                            {"key": "child_name", "label": "Họ tên của trẻ", "required": True},
                            {"key": "birth_date", "label": "Ngày sinh", "field_type": "date"},
                        ],
                    }
                ],
            }
        ],
    }


def wheres(result) -> list[str]:
    return [problem.where for problem in result.problems]


# Round trips


def test_a_json_export_imported_into_an_empty_catalogue_exports_the_same_document(catalogue):
    exported = catalog_export_data()
    birth = exported["procedures"][1]
    assert [version["status"] for version in birth["versions"]] == ["expired", "published", "draft"]
    assert birth["agencies"] == [HANOI_COMMITTEE, HANOI_CENTRE]
    assert birth["versions"][1]["steps"][1]["budget_value"] == "1.5"
    assert birth["versions"][1]["published_at"] == "2025-07-01T08:00:00+07:00"
    assert birth["versions"][1]["documents"][0]["template"].endswith("to-khai-khai-sinh.docx")
    text = catalog_export_json()
    empty_catalogue()

    result = catalog_import_json(text)

    assert result.problems == []
    assert (result.created_procedures, result.created_versions) == (3, 5)
    assert catalog_export_data() == exported
    assert catalog_export_json() == text


def test_an_excel_export_imported_into_an_empty_catalogue_exports_the_same_document(catalogue):
    exported = catalog_export_data()
    workbook = catalog_export_excel()
    empty_catalogue()

    result = catalog_import_excel(workbook)

    assert result.problems == []
    assert (result.created_procedures, result.created_versions) == (3, 5)
    assert catalog_export_data() == exported


CERTIFIED_COPY_RULE = FeeRule(
    amount=2000, unit=FeeUnit.PAGE, tiers=(Tier(3, 1000),), cap_per_copy=200_000
)


@pytest.mark.parametrize("kind", ["json", "xlsx"])
def test_a_fee_rule_over_quantities_survives_the_round_trip(catalogue, kind):
    exported = catalog_export_data()["procedures"][1]["versions"][1]["fees"][2]
    assert exported == {
        "channel": "",
        "name": "Phí chứng thực bản sao",
        "amount": 2000,
        "collected_at": "1",
        "note": "",
        "unit": "page",
        "tiers": [{"from": 3, "rate": 1000}],
        "cap_per_copy": 200_000,
        "minimum": None,
        "item_name": "",
        "pages_field": "page_count",
        "count_field": "copy_count",
    }
    file = catalog_export_json() if kind == "json" else catalog_export_excel()
    empty_catalogue()

    result = (catalog_import_json if kind == "json" else catalog_import_excel)(file)

    assert result.problems == []
    fee = Fee.objects.get(
        name="Phí chứng thực bản sao",
        version__status="published",
        version__procedure__local_code="",
    )
    assert fee.rule == CERTIFIED_COPY_RULE
    assert (fee.pages_field, fee.count_field) == ("page_count", "copy_count")
    assert fee_amount(fee.rule, Quantities(pages=3, count=2)) == 10_000
    per_item = Fee.objects.filter(name="Phí chứng thực chữ ký").first()
    assert (per_item.unit, per_item.item_name, per_item.minimum) == ("item", "trường hợp", 10_000)


def test_a_document_without_the_rule_keys_imports_fixed_fees(agencies):
    result = catalog_import(data=birth_document())
    assert result.problems == []
    assert [(fee.unit, fee.tiers, fee.cap_per_copy) for fee in Fee.objects.all()] == [
        ("", [], None),
        ("", [], None),
    ]


def test_an_excel_fee_rule_problem_names_its_cell(catalogue):
    workbook = load_workbook(BytesIO(catalog_export_excel()))
    sheet = workbook["fees"]
    header = [cell.value for cell in sheet[1]]
    row = next(
        row for row in sheet.iter_rows(min_row=2) if row[header.index("unit")].value == "page"
    )
    row[header.index("tiers")].value = '[{"from": 1, "rate": 1000}]'
    buffer = BytesIO()
    workbook.save(buffer)

    with translation.override("vi"):
        result = catalog_import_excel(buffer.getvalue())

    cell = f"fees!{row[header.index('tiers')].column_letter}{row[0].row}"
    assert [(problem.where, problem.message) for problem in result.problems] == [
        (cell, "Mỗi mức sau bắt đầu sau mức trước, từ trang thứ 2 trở đi (1 thì không được).")
    ]


def test_the_workbook_has_one_sheet_per_table_with_a_bold_frozen_header(catalogue):
    workbook = load_workbook(BytesIO(catalog_export_excel()))
    assert workbook.sheetnames == [
        "fields",
        "procedures",
        "versions",
        "channels",
        "fees",
        "documents",
        "steps",
        "form_fields",
    ]
    fees = workbook["fees"]
    header = [cell.value for cell in fees[1]]
    assert header[:6] == ["national_code", "local_code", "version", "channel", "name", "amount"]
    assert all(cell.font.b for cell in fees[1])
    assert fees.freeze_panes == "A2"
    versions = workbook["versions"]
    sources = [cell.value for cell in versions[1]].index("sources")
    assert json.loads(versions.cell(row=2, column=sources + 1).value) == []
    assert json.loads(versions.cell(row=3, column=sources + 1).value)[0].startswith("https://")


def test_imported_versions_are_indexed_for_search(agencies):
    catalog_import(data=birth_document())
    version = ProcedureVersion.objects.get()
    assert version.search_text == version_search_text(version)
    assert "dang ky khai sinh" in version.search_text


def test_keys_left_out_take_the_models_defaults(agencies):
    catalog_import(data=birth_document())
    version = ProcedureVersion.objects.get()
    assert (version.implementing_level, version.online_level) == ("commune", "none")
    assert version.channels.get().term_unit == "d"
    assert [fee.collected_at for fee in version.fees.all()] == ["1", "4"]
    assert [field.key for field in version.form_fields.all()] == ["child_name", "birth_date"]


def test_the_order_in_the_database_is_the_position_in_the_list(agencies):
    document = birth_document()
    document["procedures"][0]["versions"][0]["form_fields"].reverse()
    catalog_import(data=document)
    version = ProcedureVersion.objects.get()
    assert list(version.form_fields.values_list("key", "order")) == [
        ("birth_date", 0),
        ("child_name", 1),
    ]
    assert list(version.fees.values_list("order", flat=True)) == [0, 1]


# All or nothing


def test_an_import_with_several_problems_applies_nothing_and_says_where_each_one_is(agencies):
    document = birth_document()
    procedure = document["procedures"][0]
    version = procedure["versions"][0]
    version["implementing_level"] = "village"
    version["effective_from"] = "2025-13-01"
    version["fees"][1]["amount"] = -8000
    version["form_fields"][1]["key"] = "child_name"
    procedure["agencies"].append("000.00.99.X99")
    before = counts()

    result = catalog_import(data=document)

    assert sorted(wheres(result)) == [
        "procedures[0].agencies[1]",
        "procedures[0].versions[0].effective_from",
        "procedures[0].versions[0].fees[1].amount",
        "procedures[0].versions[0].form_fields[1].key",
        "procedures[0].versions[0].implementing_level",
    ]
    amount = result.problems[wheres(result).index("procedures[0].versions[0].fees[1].amount")]
    assert amount.message == _("must be a whole number of đồng, not negative")
    assert counts() == before
    assert not AuditEvent.objects.filter(action="catalog_import").exists()


def test_excel_problems_name_the_sheet_and_the_cell(catalogue):
    workbook = load_workbook(BytesIO(catalog_export_excel()))
    workbook["fees"]["F2"] = -1
    workbook["versions"]["D2"] = "active"
    workbook["form_fields"]["D3"] = workbook["form_fields"]["D2"].value
    workbook["steps"]["C2"] = 99
    workbook["procedures"]["C3"] = HANOI_COMMITTEE  # a bare code, not a JSON list
    buffer = BytesIO()
    workbook.save(buffer)
    empty_catalogue()

    result = catalog_import_excel(buffer.getvalue())

    assert sorted(wheres(result)) == [
        "fees!F2",
        "form_fields!D3",
        "procedures!C3",
        "steps!C2",
        "versions!D2",
    ]
    assert counts() == {"fields": 0, "procedures": 0, "versions": 0, "fees": 0}


def test_dates_typed_into_excel_as_dates_read_as_the_same_values(catalogue):
    workbook = load_workbook(BytesIO(catalog_export_excel()))
    versions = workbook["versions"]
    header = [cell.value for cell in versions[1]]
    expired_row = 3  # 1.001193 version 1, after the bare draft of 1.000001
    versions.cell(expired_row, header.index("effective_from") + 1).value = datetime(2024, 1, 1)
    versions.cell(expired_row, header.index("published_at") + 1).value = datetime(2024, 1, 1, 8)
    buffer = BytesIO()
    workbook.save(buffer)

    result = catalog_import_excel(buffer.getvalue())

    assert result.problems == []
    assert result.skipped_versions == 5


def test_a_misspelt_column_is_reported_at_its_header(catalogue):
    workbook = load_workbook(BytesIO(catalog_export_excel()))
    workbook["fees"]["F1"] = "amout"
    buffer = BytesIO()
    workbook.save(buffer)

    result = catalog_import_excel(buffer.getvalue())

    assert wheres(result) == ["fees!F1", "fees!1:1"]


@pytest.mark.parametrize("index", [0, 1], ids=["expired", "published"])
def test_a_changed_published_or_expired_version_is_refused(catalogue, index):
    document = catalog_export_data()
    document["procedures"][1]["versions"][index]["fees"][0]["amount"] = 5000

    result = catalog_import(data=document)

    assert wheres(result) == [f"procedures[1].versions[{index}].number"]
    assert "1.001193" in result.problems[0].message
    assert not Fee.objects.filter(amount=5000).exists()


def test_a_changed_draft_is_replaced_by_the_imported_one(catalogue):
    document = catalog_export_data()
    draft = document["procedures"][1]["versions"][2]
    draft["name"] = "Đăng ký khai sinh (sửa lần hai)"
    draft["fees"] = draft["fees"][:1]
    draft["form_fields"].reverse()

    result = catalog_import(data=document)

    assert result.problems == []
    assert (result.updated_drafts, result.skipped_versions, result.created_versions) == (1, 4, 0)
    assert catalog_export_data() == document
    stored = ProcedureVersion.objects.get(procedure__national_code="1.001193", number=3)
    assert "sua lan hai" in stored.search_text


def test_importing_the_same_file_twice_creates_nothing_the_second_time(agencies):
    first = catalog_import_json(json.dumps(birth_document()))
    after_first = counts()

    second = catalog_import_json(json.dumps(birth_document()))

    assert (first.created_procedures, first.created_versions) == (1, 1)
    assert (second.created_procedures, second.created_versions, second.updated_drafts) == (0, 0, 0)
    assert second.skipped_versions == 1
    assert counts() == after_first


def test_each_import_leaves_one_audit_row_with_its_counts(agencies):
    catalog_import(data=birth_document())
    event = AuditEvent.objects.get(action="catalog_import")
    assert event.new_values["created_procedures"] == 1
    assert event.new_values["created_versions"] == 1
    assert event.new_values["created_fields"] == ["HT"]


def test_a_new_version_number_is_added_to_a_stored_procedure(catalogue):
    document = catalog_export_data()
    variant = document["procedures"][2]
    draft = copy.deepcopy(variant["versions"][0]) | {"number": 2, "status": "draft"}
    variant["versions"].append(draft | {"published_at": None, "name": "Chứng thực (sửa)"})

    result = catalog_import(data=document)

    assert (result.created_versions, result.skipped_versions) == (1, 5)
    assert catalog_export_data() == document


def test_a_second_draft_is_refused_while_another_is_stored(catalogue):
    document = catalog_export_data()
    stored_draft = document["procedures"][1]["versions"].pop(2)
    document["procedures"][1]["versions"].append(stored_draft | {"number": 4})

    result = catalog_import(data=document)

    assert wheres(result) == ["procedures[1].versions[2].status"]


def test_listed_agencies_are_added_to_those_a_procedure_already_has(agencies):
    catalog_import(data=birth_document(HANOI_COMMITTEE))
    catalog_import(data=birth_document(HANOI_CENTRE))
    procedure = Procedure.objects.get()
    assert sorted(procedure.agencies.values_list("code", flat=True)) == [
        HANOI_COMMITTEE,
        HANOI_CENTRE,
    ]


def test_a_new_field_name_renames_the_field_and_its_versions_are_found_by_it(agencies):
    catalog_import(data=birth_document())
    document = birth_document()
    document["fields"][0]["name"] = "Hộ tịch và quốc tịch"

    result = catalog_import(data=document)

    assert result.problems == []
    assert ProcedureField.objects.get(code="HT").name == "Hộ tịch và quốc tịch"
    assert "quoc tich" in ProcedureVersion.objects.get().search_text


def test_two_fields_can_swap_names(agencies):
    ProcedureFieldFactory(code="HT", name="Chứng thực")
    ProcedureFieldFactory(code="CT", name="Hộ tịch")
    document = birth_document()
    document["fields"].append({"code": "CT", "name": "Chứng thực"})

    assert catalog_import(data=document).problems == []
    assert dict(ProcedureField.objects.values_list("code", "name")) == {
        "HT": "Hộ tịch",
        "CT": "Chứng thực",
    }


# Files that are not a catalogue


def test_malformed_json_is_one_clear_problem(db):
    result = catalog_import_json('{"format": "motcua-catalogue", "fields": [')
    assert len(result.problems) == 1
    assert result.problems[0].message == _("the file is not valid JSON")
    assert result.problems[0].where == _("line %(line)d, column %(column)d") % {
        "line": 1,
        "column": 43,
    }


def test_random_bytes_named_xlsx_are_one_clear_problem(db):
    result = catalog_import_excel(bytes(range(256)) * 4)
    assert [(problem.where, problem.message) for problem in result.problems] == [
        (_("file"), _("the file is not an Excel workbook (.xlsx)"))
    ]


def test_a_document_of_another_format_is_one_clear_problem(db):
    result = catalog_import(data={"format": "motcua-catalogue", "format_version": 2})
    assert wheres(result) == ["format_version"]


# The rules, without a database

STORED = Stored(field_names={}, agency_codes=frozenset({HANOI_COMMITTEE}), versions={})
VERSION = "procedures[0].versions[0]"


def _set(path: str, value):
    """A change to the document: `path` as the problem reports it, "." between keys."""

    def change(document):
        *parents, last = path.replace("[", ".").replace("]", "").split(".")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(_set("format", "other"), ["format"], id="another-format"),
        pytest.param(_set(f"{VERSION}.status", "active"), [f"{VERSION}.status"], id="status"),
        pytest.param(_set(f"{VERSION}.number", 0), [f"{VERSION}.number"], id="number-0"),
        pytest.param(_set(f"{VERSION}.number", "1"), [f"{VERSION}.number"], id="number-text"),
        pytest.param(_set(f"{VERSION}.name", KeyError), [f"{VERSION}.name"], id="no-name"),
        pytest.param(_set(f"{VERSION}.name", " "), [f"{VERSION}.name"], id="blank-name"),
        pytest.param(_set(f"{VERSION}.name", "x" * 501), [f"{VERSION}.name"], id="long-name"),
        pytest.param(_set(f"{VERSION}.nmae", "x"), [f"{VERSION}.nmae"], id="unknown-key"),
        pytest.param(_set(f"{VERSION}.field", "XX"), [f"{VERSION}.field"], id="unknown-field"),
        pytest.param(
            _set(f"{VERSION}.postal_return", "yes"), [f"{VERSION}.postal_return"], id="bool"
        ),
        pytest.param(
            _set(f"{VERSION}.effective_to", "2025-06-30"),
            [f"{VERSION}.effective_to"],
            id="ends-before-it-starts",
        ),
        pytest.param(
            _set(f"{VERSION}.published_at", "2025-07-01T00:00:00"),
            [f"{VERSION}.published_at"],
            id="time-without-zone",
        ),
        pytest.param(_set(f"{VERSION}.sources", "https://x"), [f"{VERSION}.sources"], id="list"),
        pytest.param(
            _set(f"{VERSION}.fees[0].amount", 1.5), [f"{VERSION}.fees[0].amount"], id="amount"
        ),
        pytest.param(
            _set(f"{VERSION}.fees[0].amount", True), [f"{VERSION}.fees[0].amount"], id="amount-bool"
        ),
        pytest.param(
            _set(f"{VERSION}.fees[0].channel", "4"), [f"{VERSION}.fees[0].channel"], id="channel"
        ),
        pytest.param(_set(f"{VERSION}.fees[0].channel", ""), [], id="fee-on-every-channel"),
        pytest.param(
            _set(f"{VERSION}.channels[0].term_value", -1),
            [f"{VERSION}.channels[0].term_value"],
            id="negative-term",
        ),
        pytest.param(_set(f"{VERSION}.channels[0].term_value", None), [], id="no-term-yet"),
        pytest.param(
            _set(f"{VERSION}.channels[1]", {"channel": "1"}),
            [f"{VERSION}.channels[1].channel"],
            id="channel-twice",
        ),
        pytest.param(
            _set(f"{VERSION}.steps[0].budget_value", "1.234"),
            [f"{VERSION}.steps[0].budget_value"],
            id="three-decimals",
        ),
        pytest.param(
            _set(f"{VERSION}.steps[0].budget_value", "NaN"),
            [f"{VERSION}.steps[0].budget_value"],
            id="not-a-number",
        ),
        pytest.param(_set(f"{VERSION}.steps[0].budget_value", "2.50"), [], id="budget-2.50"),
        pytest.param(
            _set(f"{VERSION}.documents[0].template", "../../etc/passwd"),
            [f"{VERSION}.documents[0].template"],
            id="template-outside-storage",
        ),
        pytest.param(
            _set(f"{VERSION}.form_fields[0].key", "họ tên"),
            [f"{VERSION}.form_fields[0].key"],
            id="key-not-a-slug",
        ),
        pytest.param(
            _set(f"{VERSION}.form_fields[0].prefill_from", "citizen.name"),
            [f"{VERSION}.form_fields[0].prefill_from"],
            id="prefill-source",
        ),
        pytest.param(
            _set(f"{VERSION}.form_fields[0].pattern", "[0-9"),
            [f"{VERSION}.form_fields[0].pattern"],
            id="pattern",
        ),
        pytest.param(_set("format_version", True), ["format_version"], id="format-version"),
        pytest.param(
            _set(f"{VERSION}.form_fields[0].choices", ["Nam", 1]),
            [f"{VERSION}.form_fields[0].choices"],
            id="choices-of-text",
        ),
        pytest.param(
            _set("procedures[1]", {"national_code": "1.001193", "versions": []}),
            ["procedures[1].national_code"],
            id="procedure-twice",
        ),
        pytest.param(
            _set(
                f"{VERSION[:-3]}[1]", {"number": 1, "status": "draft", "name": "x", "field": "HT"}
            ),
            ["procedures[0].versions[1].number"],
            id="version-number-twice",
        ),
        pytest.param(
            _set(
                f"{VERSION[:-3]}[1]",
                {"number": 2, "status": "published", "name": "x", "field": "HT"},
            ),
            ["procedures[0].versions[1].status"],
            id="two-published",
        ),
    ],
)
def test_each_rule_reports_its_problem_at_the_key_that_breaks_it(change, expected):
    document = birth_document()
    document["procedures"][0]["versions"][0]["channels"].append({"channel": "2"})
    document["procedures"].append({"national_code": "1.000001"})
    document["procedures"][0]["versions"].append(
        {"number": 2, "status": "draft", "name": "Bản sửa", "field": "HT"}
    )
    change(document)

    _clean, problems = validate_document(document, STORED)

    assert [problem.where for problem in problems] == expected


def _copy_fee(**changes) -> dict:
    fee = {
        "name": "Phí chứng thực bản sao",
        "amount": 2000,
        "unit": "page",
        "tiers": [{"from": 3, "rate": 1000}],
        "cap_per_copy": 200_000,
        "pages_field": "page_count",
        "count_field": "copy_count",
    }
    return fee | changes


def _with_fee(fee: dict) -> dict:
    document = birth_document()
    version = document["procedures"][0]["versions"][0]
    version["fees"] = [fee]
    version["form_fields"] += [
        {"key": "page_count", "label": "Số trang", "field_type": "number"},
        {"key": "copy_count", "label": "Số bản", "field_type": "number"},
    ]
    return document


FEE = f"{VERSION}.fees[0]"


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, []),
        (
            {"unit": "row"},
            [(f"{FEE}.unit", 'phải là một trong các giá trị: "", "page", "copy", "item"')],
        ),
        (
            {"tiers": [{"from": 3}]},
            [
                (
                    f"{FEE}.tiers",
                    'phải là danh sách các mức thu sau, ví dụ [{"from": 3, "rate": 1000}], '
                    "bằng số nguyên đồng",
                )
            ],
        ),
        (
            {"tiers": [{"from": 3, "rate": 1.5}]},
            [
                (
                    f"{FEE}.tiers",
                    'phải là danh sách các mức thu sau, ví dụ [{"from": 3, "rate": 1000}], '
                    "bằng số nguyên đồng",
                )
            ],
        ),
        (
            {"tiers": [{"from": 1, "rate": 1000}]},
            [
                (
                    f"{FEE}.tiers",
                    "Mỗi mức sau bắt đầu sau mức trước, từ trang thứ 2 trở đi (1 thì không được).",
                )
            ],
        ),
        (
            {"unit": "copy", "pages_field": ""},
            [(f"{FEE}.cap_per_copy", "Mức tối đa mỗi bản chỉ áp dụng cho phí tính theo trang.")],
        ),
        (
            {"unit": "copy", "cap_per_copy": None},
            [(f"{FEE}.pages_field", "Chỉ phí tính theo trang mới lấy số trang từ tờ khai.")],
        ),
        (
            {"count_field": "birth_date"},
            [(f"{FEE}.count_field", "Tờ khai của phiên bản này không có trường số “birth_date”.")],
        ),
        ({"cap_per_copy": -1}, [(f"{FEE}.cap_per_copy", "phải là số nguyên không âm (đồng)")]),
        (
            {"unit": "", "tiers": [], "cap_per_copy": None, "pages_field": "", "count_field": ""},
            [],
        ),
        (
            {"unit": "", "tiers": [], "cap_per_copy": None, "pages_field": ""},
            [
                (
                    f"{FEE}.count_field",
                    "Chỉ phí tính theo số lượng mới lấy số lượng từ tờ khai.",
                )
            ],
        ),
    ],
)
def test_a_fee_rule_that_does_not_fit_is_refused_with_a_vietnamese_message(changes, problems):
    with translation.override("vi"):
        _clean, found = validate_document(_with_fee(_copy_fee(**changes)), STORED)
        assert [(problem.where, problem.message) for problem in found] == problems


# The commands


@pytest.mark.parametrize("extension", ["json", "xlsx"])
def test_the_commands_export_and_import_a_file_end_to_end(catalogue, tmp_path, extension):
    exported = catalog_export_data()
    path = tmp_path / f"catalogue.{extension}"
    call_command("catalog_export", "-o", str(path), stdout=StringIO())
    empty_catalogue()
    out = StringIO()

    call_command("catalog_import", str(path), stdout=out)

    assert out.getvalue().splitlines()[-1] == _(
        "Imported: %(procedures)d new procedures, %(versions)d new versions, "
        "%(drafts)d drafts updated, %(skipped)d versions already there."
    ) % {"procedures": 3, "versions": 5, "drafts": 0, "skipped": 0}
    assert catalog_export_data() == exported


def test_the_export_command_writes_json_to_standard_output_without_a_file(catalogue):
    out = StringIO()
    call_command("catalog_export", stdout=out)
    assert json.loads(out.getvalue()) == catalog_export_data()


def test_the_import_command_prints_each_problem_and_fails(agencies, tmp_path):
    document = birth_document()
    document["procedures"][0]["versions"][0]["fees"][1]["amount"] = -1
    document["procedures"][0]["agencies"] = ["000.00.99.X99"]
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("catalog_import", str(path), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("procedures[0].agencies[0]: ")
    assert lines[1] == "procedures[0].versions[0].fees[1].amount: " + _(
        "must be a whole number of đồng, not negative"
    )
    assert Procedure.objects.count() == 0


def test_the_import_command_refuses_a_file_it_cannot_read_as_a_catalogue(db, tmp_path):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError):
        call_command("catalog_import", str(path), stdout=StringIO())

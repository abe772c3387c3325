"""The seeded e-forms ask what their own procedure needs: a burial-support, social-allowance or
disability declaration never asks about a building to be permitted."""

import json

import pytest

from catalog.demo import SEED_FILE, catalog_seed
from catalog.models import ProcedureVersion

BUILDING_WORDS = ("công trình", "cấp phép", "số tầng", "diện tích xây dựng")


def _seed():
    return json.loads(SEED_FILE.read_text("utf-8"))["procedures"]


def test_only_construction_procedures_ask_about_buildings():
    for procedure in _seed():
        for version in procedure["versions"]:
            if version["field"] == "XD":
                continue
            text = " ".join(
                f"{field['label']} {field['help_text']}".lower() for field in version["form_fields"]
            )
            found = [word for word in BUILDING_WORDS if word in text]
            assert not found, f"{procedure['national_code']} asks about {found}"


def _keys(code):
    (procedure,) = [p for p in _seed() if p["national_code"] == code]
    return {field["key"]: field for field in procedure["versions"][0]["form_fields"]}


def test_burial_support_asks_about_the_deceased_and_the_burial():
    fields = _keys("1.001731")
    for key in ("deceased_name", "death_date", "burial_date", "burial_place", "relationship"):
        assert fields[key]["required"], key
    assert "Đang hưởng trợ cấp xã hội hằng tháng" in fields["deceased_group"]["choices"]


def test_monthly_allowance_names_the_request_and_the_beneficiary_group():
    fields = _keys("1.001776")
    assert fields["request_kind"]["choices"] == [
        "Thực hiện trợ cấp xã hội hằng tháng",
        "Điều chỉnh mức trợ cấp",
        "Thôi hưởng trợ cấp",
    ]
    assert "Người cao tuổi" in fields["beneficiary_group"]["choices"]
    assert fields["beneficiary_name"]["required"]


def test_disability_form_offers_the_six_kinds_of_disability():
    fields = _keys("1.001699")
    assert len(fields["disability_kind"]["choices"]) == 6
    assert "Khuyết tật nhìn" in fields["disability_kind"]["choices"]
    assert fields["person_birth_date"]["field_type"] == "date"


@pytest.mark.django_db
def test_the_reviewed_forms_import_and_build():
    from catalog.eform import build_form_class

    catalog_seed()
    for code in ("1.001731", "1.001776", "1.001699"):
        version = ProcedureVersion.objects.get(procedure__national_code=code)
        form = build_form_class(version.form_fields.all())
        assert "request_content" not in form.base_fields
        assert any(name.endswith("_birth_date") for name in form.base_fields)

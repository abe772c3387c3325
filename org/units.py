"""Loading the official administrative-unit list from the `vietnam-provinces` package."""

from django.db import transaction
from vietnam_provinces import Province, Ward

from org.models import TWO_TIER_REFORM, AdministrativeUnit, UnitLevel


def province_code(value: int) -> str:
    return f"{value:02d}"


def commune_code(value: int) -> str:
    return f"{value:05d}"


@transaction.atomic
def units_load() -> int:
    """Create the provinces and communes of the 2025 two-tier structure that are missing.

    Idempotent: existing units (and the predecessor links an admin added) are left as they are,
    only names that the official list corrected are updated. Returns the number created.
    """
    existing = {
        (unit.level, unit.code): unit
        for unit in AdministrativeUnit.objects.filter(effective_from=TWO_TIER_REFORM)
    }
    created = 0
    to_create = []
    for province in Province.iter_all():
        key = (UnitLevel.PROVINCE, province_code(province.code.value))
        if key not in existing:
            to_create.append(
                AdministrativeUnit(
                    code=key[1],
                    name=province.name,
                    codename=province.codename,
                    level=UnitLevel.PROVINCE,
                    division_type=province.division_type.value,
                )
            )
    created += len(to_create)
    for unit in AdministrativeUnit.objects.bulk_create(to_create):
        existing[(unit.level, unit.code)] = unit
    provinces = {
        code: unit for (level, code), unit in existing.items() if level == UnitLevel.PROVINCE
    }

    to_create, renamed = [], []
    for ward in Ward.iter_all():
        key = (UnitLevel.COMMUNE, commune_code(ward.code.value))
        unit = existing.get(key)
        if unit is None:
            to_create.append(
                AdministrativeUnit(
                    code=key[1],
                    name=ward.name,
                    codename=ward.codename,
                    level=UnitLevel.COMMUNE,
                    division_type=ward.division_type.value,
                    parent=provinces[province_code(ward.province_code.value)],
                )
            )
        elif unit.name != ward.name:
            unit.name = ward.name
            renamed.append(unit)
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(renamed, ["name"], batch_size=500)
    return created + len(to_create)

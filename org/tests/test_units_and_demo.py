"""The official unit list and the demo data."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from org.access import visible_agency_ids
from org.demo import COMMUNES, ROLE_USERNAME, demo_seed
from org.models import AdministrativeUnit, Agency, Role, StaffRole, UnitLevel, User
from org.units import units_load


@pytest.mark.django_db
def test_the_official_list_loads_34_provinces_and_their_communes_once():
    created = units_load()
    assert AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).count() == 34
    communes = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    assert communes.count() == created - 34 > 3000
    assert not communes.filter(parent__isnull=True).exists()
    assert units_load() == 0
    hoan_kiem = communes.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.parent.name == "Thành phố Hà Nội"


@pytest.mark.django_db
def test_a_merged_unit_keeps_links_to_the_units_it_replaced():
    units_load()
    current = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code="00070")
    old = AdministrativeUnit.objects.create(
        code="00073",
        name="Phường Hàng Trống (cũ)",
        level=UnitLevel.COMMUNE,
        division_type="phường",
        effective_from=date(2008, 8, 1),
        effective_to=date(2025, 7, 1),
    )
    current.predecessors.add(old)
    assert list(old.successors.all()) == [current]
    assert not old.is_effective_on(current.effective_from)


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_seed_demo_refuses_to_run_without_debug_unless_forced():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force")
    assert User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_gives_each_commune_one_account_per_role_and_is_idempotent():
    demo_seed()
    counts = (User.objects.count(), Agency.objects.count(), StaffRole.objects.count())
    demo_seed()
    assert (User.objects.count(), Agency.objects.count(), StaffRole.objects.count()) == counts
    for commune in COMMUNES:
        for role in Role:
            user = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[role]}")
            assert list(user.roles.values_list("role", flat=True)) == [role]
    assert User.objects.get(username="quantri.hethong").is_superuser


@pytest.mark.django_db
def test_demo_accounts_see_only_their_own_commune():
    demo_seed()
    officer = User.objects.get(username="hoankiem.tiepnhan")
    leader = User.objects.get(username="socson.lanhdao")
    hoan_kiem = set(Agency.objects.filter(unit__code="00070").values_list("id", flat=True))
    soc_son = set(Agency.objects.filter(unit__code="00376").values_list("id", flat=True))
    assert visible_agency_ids(officer) <= hoan_kiem
    assert visible_agency_ids(leader) == soc_son

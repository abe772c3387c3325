import pytest

from catalog.models import ChannelTerm
from catalog.tests.builders import published
from org.models import TWO_TIER_REFORM, AdministrativeUnit, Role, UnitLevel
from org.tests.factories import UserFactory, give_role


@pytest.fixture
def post_office(cast):
    """Commune A's centre with Pat, the post office's clerk stationed at its counter, Leo who
    signs results, a procedure that takes dossiers by post (3 working days) and a province
    with two communes of the post-2025 list."""
    cast.pat = UserFactory(username="pat", full_name="Phạm Thu Pat")
    give_role(cast.pat, cast.centre_a, Role.POSTAL_CLERK)
    cast.paul = UserFactory(username="paul", full_name="Lý Văn Paul")
    give_role(cast.paul, cast.centre_b, Role.POSTAL_CLERK)
    cast.sophie = UserFactory(username="sophie", full_name="Võ Thị Sophie")
    give_role(cast.sophie, cast.committee_a, Role.SPECIALIST)
    cast.leo = UserFactory(username="leo", full_name="Đinh Văn Leo")
    give_role(cast.leo, cast.committee_a, Role.LEADER)
    cast.version = published(agencies=[cast.committee_a, cast.committee_b], days=3, fee=8000)
    ChannelTerm.objects.filter(version=cast.version).update(term_value=3)
    cast.hanoi = AdministrativeUnit.objects.create(
        code="01",
        name="Thành phố Hà Nội",
        level=UnitLevel.PROVINCE,
        division_type="thành phố",
        effective_from=TWO_TIER_REFORM,
    )
    cast.hoankiem = AdministrativeUnit.objects.create(
        code="00070",
        name="Phường Hoàn Kiếm",
        level=UnitLevel.COMMUNE,
        division_type="phường",
        parent=cast.hanoi,
        effective_from=TWO_TIER_REFORM,
    )
    cast.socson = AdministrativeUnit.objects.create(
        code="08974",
        name="Xã Sóc Sơn",
        level=UnitLevel.COMMUNE,
        division_type="xã",
        parent=cast.hanoi,
        effective_from=TWO_TIER_REFORM,
    )
    return cast

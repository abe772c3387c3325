from types import SimpleNamespace

import pytest

from disclosure.models import Hamlet
from org.models import Role
from org.tests.factories import UserFactory, give_role


@pytest.fixture
def people(cast):
    """The R5 cast extended: Sophie writes commune A's disclosures (specialist), Hana enters
    hamlet Đông's (its data officer), beside Alice (counter), Ivy (inspector), Bob (commune B)."""
    east = Hamlet.objects.create(agency=cast.committee_a, name="Thôn Đông")
    west = Hamlet.objects.create(agency=cast.committee_a, name="Thôn Tây")
    north_b = Hamlet.objects.create(agency=cast.committee_b, name="Thôn Bắc")
    sophie = UserFactory(username="sophie", full_name="Võ Thị Sophie")
    give_role(sophie, cast.committee_a, Role.SPECIALIST)
    hana = UserFactory(username="hana", full_name="Hà Thị Hana")
    give_role(hana, cast.committee_a, Role.HAMLET_OFFICER)
    east.data_officers.add(hana)
    return SimpleNamespace(
        **vars(cast), sophie=sophie, hana=hana, east=east, west=west, north_b=north_b
    )

from types import SimpleNamespace

import pytest

from dossiers.tests.conftest import office  # noqa: F401  (commune A's one-stop shop)
from inspection import services
from org.models import Role
from org.tests.factories import UserFactory, give_role


@pytest.fixture
def team(cast):
    """The R5 cast for inspections: Ivy inspects commune A (its inspection team), Leo leads it,
    Hana is a hamlet's data officer there, Bob works at commune B's counter and Iris inspects
    commune B; Alice is commune A's counter officer."""
    leo = getattr(cast, "leo", None)  # the dossier office's leader, when the test uses it
    if leo is None:
        leo = UserFactory(username="leo", full_name="Đinh Văn Leo")
        give_role(leo, cast.committee_a, Role.LEADER)
    hana = UserFactory(username="hana", full_name="Hà Thị Hana")
    give_role(hana, cast.committee_a, Role.HAMLET_OFFICER)
    iris = UserFactory(username="iris", full_name="Lý Thị Iris")
    give_role(iris, cast.committee_b, Role.INSPECTOR)
    people = vars(cast) | {"leo": leo, "hana": hana, "iris": iris}
    return SimpleNamespace(**people, checklist=services.seed_checklist_ensure())

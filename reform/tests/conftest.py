from types import SimpleNamespace

import pytest

from org.models import Role
from org.tests.factories import AgencyFactory, UserFactory, give_role


@pytest.fixture
def people(cast):
    """The R5 cast extended: Sophie writes commune A's plans (specialist of its committee), Carl
    leads tasks at commune A's culture section (receiving officer there), Hana is commune A's
    hamlet data officer; beside Alice (commune A's counter), Ivy (inspector), Bob (commune B)."""
    section_a = AgencyFactory(
        name="Phòng Văn hóa - Xã hội Xã An",
        kind="specialist_section",
        parent=cast.committee_a,
        unit=cast.committee_a.unit,
    )
    sophie = UserFactory(username="sophie", full_name="Võ Thị Sophie")
    give_role(sophie, cast.committee_a, Role.SPECIALIST)
    carl = UserFactory(username="carl", full_name="Đinh Văn Carl")
    give_role(carl, section_a, Role.RECEIVING_OFFICER)
    hana = UserFactory(username="hana", full_name="Hà Thị Hana")
    give_role(hana, cast.committee_a, Role.HAMLET_OFFICER)
    return SimpleNamespace(**vars(cast), section_a=section_a, sophie=sophie, carl=carl, hana=hana)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a folder of this test alone, so a test can list what was kept."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())

import pytest

from catalog.models import ChannelTerm
from catalog.tests.builders import published
from dossiers.services import ApplicantData, ChecklistItem, Reception
from org.models import Role
from org.tests.factories import UserFactory, give_role


@pytest.fixture
def office(cast):
    """Commune A's one-stop shop: Alice at the counter, Sophie the specialist and Leo the
    leader at the commune committee, and a birth registration with a 3-working-day term."""
    cast.sophie = UserFactory(username="sophie", full_name="Võ Thị Sophie")
    give_role(cast.sophie, cast.committee_a, Role.SPECIALIST)
    cast.leo = UserFactory(username="leo", full_name="Đinh Văn Leo")
    give_role(cast.leo, cast.committee_a, Role.LEADER)
    cast.version = published(agencies=[cast.committee_a], days=3, fee=8000)
    ChannelTerm.objects.filter(version=cast.version).update(term_value=3)
    return cast


def reception_for(office, **changes) -> Reception:
    values = {
        "version": office.version,
        "receiving_agency": office.centre_a,
        "competent_agency": office.committee_a,
        "applicant": ApplicantData(
            full_name="Nguyễn Văn An", id_number="001090012345", phone="0912345678"
        ),
        "checklist": [ChecklistItem(name="Tờ khai theo mẫu", originals=1)],
    }
    values.update(changes)
    return Reception(**values)

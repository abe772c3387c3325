"""The guidance cast: on top of the shared cast, Vy volunteers at commune A's centre (on duty
today), and a published birth registration is handled by both communes."""

import pytest
from django.utils import timezone

from catalog.models import EFormField
from catalog.tests.builders import published
from counter.models import GuidanceSlip, GuidedSession, HardStep
from counter.tests.factories import DutyShiftFactory
from dossiers.services import ApplicantData, Reception, dossier_receive
from dossiers.tests.conftest import office  # noqa: F401  (a fixture, used by name)
from org.models import Role
from org.tests.factories import UserFactory, give_role


@pytest.fixture
def guidance(cast):
    cast.vy = UserFactory(username="vy", full_name="Hoàng Thị Vy")
    give_role(cast.vy, cast.centre_a, Role.VOLUNTEER)
    # On today's roster: a volunteer guides citizens only on the days the roster names them.
    DutyShiftFactory(agency=cast.centre_a, day=timezone.localdate(), helper=cast.vy, helper_name="")
    cast.version = published(agencies=[cast.committee_a, cast.committee_b], days=3)
    EFormField.objects.create(
        version=cast.version,
        key="ho_ten_tre",
        label="Họ, chữ đệm, tên của trẻ",
        order=1,
        required=True,
    )
    cast.slip_a = slip_at(cast.centre_a, cast.alice, cast.version)
    cast.slip_b = slip_at(cast.centre_b, cast.bob, cast.version)
    cast.session_a = session_at(cast.centre_a, cast.vy, cast.version)
    cast.session_b = session_at(cast.centre_b, cast.bob, cast.version)
    cast.dossier_a = receive(cast, cast.centre_a, cast.committee_a, cast.alice)
    cast.dossier_b = receive(cast, cast.centre_b, cast.committee_b, cast.bob)
    return cast


def slip_at(agency, officer, version, **fields):
    values = {"missing_documents": ["Tờ khai theo mẫu"], "citizen_name": "Nguyễn Văn Nam"}
    values.update(fields)
    return GuidanceSlip.objects.create(
        agency=agency, procedure_version=version, officer=officer, **values
    )


def session_at(agency, helper, version, **fields):
    return GuidedSession.objects.create(
        agency=agency,
        helper=helper,
        procedure_version=version,
        hard_step=fields.pop("hard_step", HardStep.ACCOUNT),
        **fields,
    )


def receive(cast, centre, committee, actor, **changes):
    values = {
        "version": cast.version,
        "receiving_agency": centre,
        "competent_agency": committee,
        "applicant": ApplicantData(full_name="Trần Thị Bình"),
        "form_data": {"ho_ten_tre": "Trần Minh Khôi"},
    }
    values.update(changes)
    return dossier_receive(reception=Reception(**values), actor=actor)

"""Reception is authorised like a move: an actor the channel names with a role at the receiving
agency, a version in force, a channel the version offers; by post and online too."""

from datetime import date

import pytest
import time_machine
from django.utils.timezone import localtime

from catalog import services as catalog_services
from catalog.models import Channel, ChannelTerm
from citizens.models import Citizen
from core.actors import Actor, ActorKind
from core.models import AuditEvent
from dossiers.models import Dossier
from dossiers.services import WorkflowError, dossier_receive
from dossiers.tests.conftest import reception_for
from dossiers.workflow import State
from org.models import Role
from org.tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db

MONDAY = "2026-03-02 09:00 +0700"


def refused(office, actor, message, **changes):
    audited = AuditEvent.objects.count()
    with pytest.raises(WorkflowError, match=message):
        dossier_receive(reception=reception_for(office, **changes), actor=actor)
    assert not Dossier.objects.exists()
    assert AuditEvent.objects.count() == audited


def test_a_draft_version_receives_nothing(office):
    draft = catalog_services.version_draft(procedure=office.version.procedure, actor=None)
    refused(office, office.alice, "không có hiệu lực", version=draft)


def test_a_withdrawn_procedure_receives_nothing(office):
    catalog_services.procedure_expire(procedure=office.version.procedure, actor=None)
    office.version.refresh_from_db()
    refused(office, office.alice, "không có hiệu lực")


def test_a_channel_the_version_does_not_offer_receives_nothing(office):
    ChannelTerm.objects.filter(version=office.version, channel=Channel.POSTAL).update(
        available=False
    )
    refused(
        office,
        office.alice,
        "Thủ tục này không tiếp nhận hồ sơ qua dịch vụ bưu chính công ích",
        channel=Channel.POSTAL,
    )
    ChannelTerm.objects.filter(version=office.version, channel=Channel.ONLINE).delete()
    refused(office, None, "không tiếp nhận hồ sơ trực tuyến", channel=Channel.ONLINE)


@pytest.mark.parametrize(
    ("who", "channel", "message"),
    [
        (
            "bob",
            Channel.DIRECT,
            "không cho phép tiếp nhận hồ sơ trực tiếp tại Trung tâm PVHCC Xã An",
        ),
        ("ivy", Channel.DIRECT, "không cho phép tiếp nhận"),
        ("sophie", Channel.POSTAL, "không cho phép tiếp nhận"),
        ("applicant", Channel.DIRECT, "Quy trình không cho phép người nộp hồ sơ"),
        ("applicant", Channel.POSTAL, "Quy trình không cho phép người nộp hồ sơ"),
        ("system", Channel.ONLINE, "Quy trình không cho phép"),
        ("gateway", Channel.ONLINE, "Quy trình không cho phép"),
    ],
)
def test_only_the_actors_a_channel_names_receive_on_it(office, who, channel, message):
    actor = {
        "applicant": Actor.applicant(),
        "system": Actor.system("close_unsupplemented"),
        "gateway": Actor.external("payment.demo"),
    }.get(who) or getattr(office, who)
    refused(office, actor, message, channel=channel)


@pytest.mark.parametrize("clerk", ["alice", "paul"])
def test_a_dossier_arriving_by_post_is_received_with_the_postal_term(office, clerk):
    office.paul = UserFactory(username="paul")
    give_role(office.paul, office.centre_a, Role.POSTAL_CLERK)
    ChannelTerm.objects.filter(version=office.version, channel=Channel.POSTAL).update(term_value=5)
    with time_machine.travel(MONDAY, tick=False):
        dossier = dossier_receive(
            reception=reception_for(office, channel=Channel.POSTAL), actor=getattr(office, clerk)
        )
    assert dossier.state == State.ACCEPTED
    assert dossier.received_by_post
    # The postal channel's own 5 working days, not the counter's 3.
    assert localtime(dossier.due_at).date() == date(2026, 3, 9)
    change = dossier.history.get()
    assert (change.actor_kind, change.actor_label) == (ActorKind.STAFF, clerk)


def test_the_applicant_submits_online_and_the_dossier_waits_for_acceptance(office):
    citizen = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 1, 2),
        gender="Nam",
    )
    with time_machine.travel(MONDAY, tick=False):
        dossier = dossier_receive(
            reception=reception_for(office, channel=Channel.ONLINE),
            actor=Actor.applicant(citizen=citizen),
        )
    assert dossier.state == State.SUBMITTED
    assert localtime(dossier.acceptance_due_at).isoformat() == "2026-03-02T17:00:00+07:00"
    assert dossier.created_by is None
    change = dossier.history.get()
    assert (change.actor_kind, change.actor_label) == (ActorKind.APPLICANT, f"citizen:{citizen.pk}")


def test_a_channel_without_a_published_term_borrows_no_other_channel_s(office):
    ChannelTerm.objects.filter(version=office.version, channel=Channel.POSTAL).update(
        term_value=None
    )
    dossier = dossier_receive(
        reception=reception_for(office, channel=Channel.POSTAL), actor=office.alice
    )
    assert dossier.state == State.ACCEPTED
    assert dossier.due_at is None  # the counter's 3 days are not the postal channel's

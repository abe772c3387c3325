"""Who acts: every history row names the actor's kind and label, and an edge refuses an actor
its line of the workflow table does not name."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from catalog.models import Channel
from citizens.models import Citizen
from core.actors import Actor, ActorKind
from core.models import AuditEvent
from dossiers.models import StatusChange
from dossiers.services import (
    Move,
    WorkflowError,
    dossier_receive,
    dossier_transition,
    dossiers_close_unsupplemented,
)
from dossiers.tests.conftest import reception_for
from dossiers.workflow import EDGES, Action, State

pytestmark = pytest.mark.django_db


def step(dossier, action, actor, **kwargs):
    return dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=action, expected_version=dossier.version, **kwargs),
        actor=actor,
    )


def actors_of(dossier):
    return list(dossier.history.values_list("action", "actor_kind", "actor_label"))


def test_each_history_row_names_who_acted(office):
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as clock:
        online = dossier_receive(
            reception=reception_for(office, channel=Channel.ONLINE), actor=None
        )
        online = step(online, Action.ACCEPT, office.alice)
        online = step(online, Action.ASSIGN, office.alice, assignee=office.sophie)
        online = step(online, Action.REQUEST_PAYMENT, Actor.staff(office.sophie))
        online = step(online, Action.PAYMENT_RECEIVED, Actor.external("payment.demo"))
        online = step(online, Action.REQUEST_SUPPLEMENT, office.sophie, reason="Thiếu bản sao")
        clock.shift(timedelta(days=16))
        assert dossiers_close_unsupplemented() == 1

    assert actors_of(online) == [
        ("receive", ActorKind.APPLICANT, "applicant"),
        (Action.ACCEPT, ActorKind.STAFF, "alice"),
        (Action.ASSIGN, ActorKind.STAFF, "alice"),
        (Action.REQUEST_PAYMENT, ActorKind.STAFF, "sophie"),
        (Action.PAYMENT_RECEIVED, ActorKind.EXTERNAL, "payment.demo"),
        (Action.REQUEST_SUPPLEMENT, ActorKind.STAFF, "sophie"),
        (Action.CLOSE_UNSUPPLEMENTED, ActorKind.SYSTEM, "close_unsupplemented"),
    ]
    paid = StatusChange.objects.get(dossier=online, action=Action.PAYMENT_RECEIVED)
    assert paid.actor is None
    # The audit row of an actor without an account says who it was.
    audit = AuditEvent.objects.get(action="dossier_payment_received")
    assert audit.actor is None
    assert audit.new_values["actor"] == "external:payment.demo"


def test_an_identified_applicant_is_named_by_registry_reference_not_id_number(office):
    citizen = Citizen.objects.create(
        id_number="001090012345",
        full_name="Nguyễn Văn An",
        birth_date=date(1990, 1, 2),
        gender="Nam",
    )
    dossier = dossier_receive(
        reception=reception_for(office, channel=Channel.ONLINE),
        actor=Actor.applicant(citizen=citizen),
    )
    change = dossier.history.get()
    assert (change.actor_kind, change.actor_label) == (ActorKind.APPLICANT, f"citizen:{citizen.pk}")
    assert citizen.id_number not in change.actor_label


@pytest.mark.parametrize(
    ("actor", "action", "kwargs"),
    [
        (Actor.applicant(), Action.PAYMENT_RECEIVED, {}),
        (Actor.system("close_unsupplemented"), Action.APOLOGISE, {"reason": "Chậm"}),
        (Actor.external("postal.demo"), Action.PAYMENT_RECEIVED, {}),
        (Actor.external("payment.demo"), Action.WITHDRAW, {"reason": "Xin rút"}),
    ],
    ids=[
        "applicant-confirms-own-payment",
        "system-apologises",
        "carrier-confirms-payment",
        "gateway-withdraws",
    ],
)
def test_an_actor_the_edge_does_not_name_is_refused_and_nothing_is_written(
    office, actor, action, kwargs
):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    dossier = step(dossier, Action.ASSIGN, office.alice, assignee=office.sophie)
    dossier = step(dossier, Action.REQUEST_PAYMENT, office.sophie)
    rows = StatusChange.objects.count()
    with pytest.raises(WorkflowError, match="Quy trình không cho phép"):
        step(dossier, action, actor, **kwargs)
    assert StatusChange.objects.count() == rows
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_PAYMENT


def test_the_system_and_outside_parties_take_only_the_edges_the_law_gives_them():
    system = {edge.action for edge in EDGES if ActorKind.SYSTEM in edge.actors}
    external = {(edge.action, plugin) for edge in EDGES for plugin in edge.plugins}
    applicant = {edge.action for edge in EDGES if ActorKind.APPLICANT in edge.actors}
    assert system == {Action.CLOSE_UNSUPPLEMENTED}
    # Online, the applicant answers a supplement request, withdraws, and takes an electronic
    # result (online.services_followup).
    assert applicant == {Action.SUPPLEMENT_RECEIVED, Action.WITHDRAW, Action.RETURN_RESULT}
    # A gateway confirms a payment; a carrier reports the result delivered (Decision 45/2016).
    assert external == {(Action.PAYMENT_RECEIVED, "payment"), (Action.RETURN_RESULT, "postal")}
    assert all(ActorKind.STAFF in edge.actors and edge.roles for edge in EDGES)


def test_a_call_without_an_actor_is_a_programming_error(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    with pytest.raises(TypeError):
        step(dossier, Action.ASSIGN, None, assignee=office.sophie)


def test_the_timeline_names_an_actor_without_an_account_by_kind(client, office):
    dossier = dossier_receive(reception=reception_for(office, channel=Channel.ONLINE), actor=None)
    client.force_login(office.alice)
    body = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    timeline = body[body.index('class="timeline"') :]
    assert "· người nộp hồ sơ" in timeline

"""The page offers exactly what the service accepts: for every state (and the states a rule of
law splits: a second supplement request, the 15 days, the one apology, a late result) and every
kind of actor and staff role, the actions `actions_for` lists are the actions
`dossier_transition` carries out, each tried in a transaction rolled back afterwards."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from catalog.models import Channel
from core.actors import Actor
from dossiers.selectors import actions_for, assignee_choices, transfer_choices
from dossiers.services import Move, WorkflowError, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State
from org.models import Role
from org.tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db

MONDAY = "2026-03-02 09:00 +0700"  # received now, due Thursday 05/03 at 17:00


@pytest.fixture
def cast(office):
    """The office, a postal clerk at commune A's centre, and a specialist at commune B's
    committee to hand a transferred dossier to."""
    office.paul = UserFactory(username="paul", full_name="Hồ Văn Paul")
    give_role(office.paul, office.centre_a, Role.POSTAL_CLERK)
    office.hanh = UserFactory(username="hanh", full_name="Lý Thị Hạnh")
    give_role(office.hanh, office.committee_b, Role.SPECIALIST)
    return office


def actors(office) -> dict:
    return {
        "alice (counter)": Actor.staff(office.alice),
        "paul (postal clerk)": Actor.staff(office.paul),
        "sophie (specialist)": Actor.staff(office.sophie),
        "leo (leader)": Actor.staff(office.leo),
        "bob (another commune's counter)": Actor.staff(office.bob),
        "ivy (inspector)": Actor.staff(office.ivy),
        "applicant": Actor.applicant(),
        "system": Actor.system("close_unsupplemented"),
        "payment gateway": Actor.external("payment.demo"),
        "postal carrier": Actor.external("postal.demo"),
    }


def go(office, dossier, *steps):
    for actor, action, kwargs in steps:
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, reason="Lý do", **kwargs),
            actor=getattr(office, actor),
        )
    return dossier


def received(office, **changes):
    return dossier_receive(reception=reception_for(office, **changes), actor=office.alice)


def in_progress(office, clock):
    return go(office, received(office), ("alice", Action.ASSIGN, {"assignee": office.sophie}))


def late(office, clock):
    dossier = go(office, in_progress(office, clock), ("sophie", Action.PROPOSE, {}))
    clock.shift(timedelta(days=7))
    return go(office, dossier, ("leo", Action.APPROVE, {}))


def apology(office):
    return ("sophie", Action.APOLOGISE, {"new_due_at": timezone.now() + timedelta(days=10)})


SUPPLEMENT = ("alice", Action.REQUEST_SUPPLEMENT, {})
SCENARIOS = {
    "submitted online": lambda o, c: dossier_receive(
        reception=reception_for(o, channel=Channel.ONLINE), actor=None
    ),
    "accepted": lambda o, c: received(o),
    "in progress": in_progress,
    "in progress, supplement already requested once": lambda o, c: go(
        o, received(o), SUPPLEMENT, ("alice", Action.SUPPLEMENT_RECEIVED, {})
    ),
    "in progress, apology already issued": lambda o, c: go(o, in_progress(o, c), apology(o)),
    "transferred to commune B": lambda o, c: go(
        o, in_progress(o, c), ("sophie", Action.TRANSFER, {"to_agency": o.committee_b})
    ),
    "supplement requested today": lambda o, c: go(o, received(o), SUPPLEMENT),
    "supplement requested 16 days ago": lambda o, c: (
        go(o, received(o), SUPPLEMENT),
        c.shift(timedelta(days=16)),
    )[0],
    "awaiting payment": lambda o, c: go(
        o, in_progress(o, c), ("sophie", Action.REQUEST_PAYMENT, {})
    ),
    "proposed": lambda o, c: go(o, in_progress(o, c), ("sophie", Action.PROPOSE, {})),
    "result ready on time": lambda o, c: go(
        o, in_progress(o, c), ("sophie", Action.PROPOSE, {}), ("leo", Action.APPROVE, {})
    ),
    "result ready late, no apology": late,
    "result ready late, apology issued": lambda o, c: go(o, late(o, c), apology(o)),
    "refused": lambda o, c: go(
        o,
        dossier_receive(reception=reception_for(o, channel=Channel.ONLINE), actor=None),
        ("alice", Action.REFUSE, {}),
    ),
    "withdrawn": lambda o, c: go(o, received(o), ("alice", Action.WITHDRAW, {})),
    "stopped": lambda o, c: go(o, in_progress(o, c), ("sophie", Action.STOP, {})),
    "returned": lambda o, c: go(
        o,
        in_progress(o, c),
        ("sophie", Action.PROPOSE, {}),
        ("leo", Action.APPROVE, {}),
        ("alice", Action.RETURN_RESULT, {}),
    ),
}


class RolledBack(Exception):
    pass


def accepted_by_the_service(dossier, actor) -> set[str]:
    """Every action the service carries out for `actor`, given what a page lets them choose
    (an assignee, an agency, a later date, a reason), each undone at once."""
    assignee = assignee_choices(dossier).first()
    to_agency = transfer_choices(dossier).order_by("pk").first()
    new_due_at = (dossier.due_at or timezone.now()) + timedelta(days=10)
    accepted = set()
    for action in Action:
        move = Move(
            action=action,
            expected_version=dossier.version,
            reason="Lý do ghi trên thông báo",
            assignee=assignee,
            to_agency=to_agency,
            new_due_at=new_due_at,
        )
        try:
            with transaction.atomic():
                dossier_transition(dossier_id=dossier.pk, move=move, actor=actor)
                raise RolledBack
        except RolledBack:
            accepted.add(action)
        except WorkflowError:
            pass
    return accepted


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_page_offers_exactly_what_the_service_accepts(cast, scenario):
    with time_machine.travel(MONDAY, tick=False) as clock:
        dossier = SCENARIOS[scenario](cast, clock)
        dossier.refresh_from_db()
        offered, accepted = {}, {}
        for name, actor in actors(cast).items():
            offered[name] = {edge.action for edge in actions_for(actor, dossier)}
            accepted[name] = accepted_by_the_service(dossier, actor)
    assert offered == accepted
    if dossier.state not in (State.REFUSED, State.WITHDRAWN, State.STOPPED, State.RETURNED):
        assert any(offered.values()), "someone can move every unfinished dossier"


@pytest.mark.parametrize(
    ("scenario", "name", "expected"),
    [
        ("in progress, supplement already requested once", "sophie (specialist)", False),
        ("in progress", "sophie (specialist)", True),
        ("supplement requested today", "system", False),
        ("supplement requested 16 days ago", "system", True),
        ("result ready late, no apology", "alice (counter)", False),
        ("result ready late, apology issued", "alice (counter)", True),
        ("awaiting payment", "payment gateway", True),
        ("awaiting payment", "postal carrier", False),
        ("in progress, apology already issued", "sophie (specialist)", False),
    ],
)
def test_the_rules_of_law_decide_what_is_offered(cast, scenario, name, expected):
    action = {
        "in progress, supplement already requested once": Action.REQUEST_SUPPLEMENT,
        "in progress": Action.REQUEST_SUPPLEMENT,
        "supplement requested today": Action.CLOSE_UNSUPPLEMENTED,
        "supplement requested 16 days ago": Action.CLOSE_UNSUPPLEMENTED,
        "result ready late, no apology": Action.RETURN_RESULT,
        "result ready late, apology issued": Action.RETURN_RESULT,
        "awaiting payment": Action.PAYMENT_RECEIVED,
        "in progress, apology already issued": Action.APOLOGISE,
    }[scenario]
    with time_machine.travel(MONDAY, tick=False) as clock:
        dossier = SCENARIOS[scenario](cast, clock)
        offered = {edge.action for edge in actions_for(actors(cast)[name], dossier)}
    assert (action in offered) is expected

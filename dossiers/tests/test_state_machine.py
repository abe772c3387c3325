"""R15: random people try random actions on one dossier. A plain-Python model, told only what the
workflow table and the cast's roles say, predicts each answer; the invariants hold after every
step."""

from datetime import timedelta

import pytest
from django.forms.models import model_to_dict
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from catalog.models import Channel
from core.models import AuditEvent
from dossiers.models import Dossier
from dossiers.services import Conflict, Move, WorkflowError, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import FINAL_STATES, Action, State, actions_from, edge_for
from org.models import Role

ACTORS = ["alice", "sophie", "leo", "bob", "ivy"]
REASONS = ["", "   ", "Công dân xin rút hồ sơ", "Thiếu giấy chứng sinh"]

# The usual way forward from each state, so that random runs also reach the decision and the
# returned result.
TOWARDS_THE_RESULT = {
    State.SUBMITTED: Action.ACCEPT,
    State.ACCEPTED: Action.ASSIGN,
    State.IN_PROGRESS: Action.PROPOSE,
    State.SUPPLEMENT_REQUESTED: Action.SUPPLEMENT_RECEIVED,
    State.AWAITING_PAYMENT: Action.PAYMENT_RECEIVED,
    State.PROPOSED: Action.APPROVE,
    State.RESULT_READY: Action.RETURN_RESULT,
}


class DossierMachine(RuleBasedStateMachine):
    def __init__(self, office):
        super().__init__()
        self.office = office

    @initialize(online=st.booleans())
    def receive(self, online):
        office = self.office
        reception = reception_for(office, channel=Channel.ONLINE if online else Channel.DIRECT)
        dossier = dossier_receive(reception=reception, actor=None if online else office.alice)
        self.dossier_id = dossier.pk
        # The model.
        self.state = State.SUBMITTED if online else State.ACCEPTED
        self.accepted = ["receive"]  # every status row the dossier should have, in order
        self.at_home = True  # handled by commune A's committee, where Sophie and Leo work
        self.has_due_date = not online  # online, the clock starts at acceptance
        self.supplement_requested = False
        self.extended_due_at = None

    # --- what the model expects ---------------------------------------------------------------

    def may_act(self, actor, edge) -> bool:
        if actor == "alice":  # commune A's counter, where the dossier was received and returns
            return Role.RECEIVING_OFFICER in edge.roles
        if actor == "sophie":
            return Role.SPECIALIST in edge.roles and self.at_home
        if actor == "leo":
            return Role.LEADER in edge.roles and self.at_home
        return False  # Bob works at commune B's counter; Ivy inspects and never acts

    def rule_allows(self, action) -> bool:
        if action in (Action.ASSIGN, Action.TRANSFER):
            # Sophie only works on commune A's dossiers; the transfer goes to commune B.
            return self.at_home
        if action == Action.REQUEST_SUPPLEMENT:
            return not self.supplement_requested
        if action == Action.CLOSE_UNSUPPLEMENTED:
            return False  # the 15 days never pass during this test
        if action == Action.APOLOGISE:
            return self.extended_due_at is None and self.has_due_date
        return True  # RETURN_RESULT: nothing is late within the seconds this test runs

    def expects_success(self, actor, action, reason) -> bool:
        edge = edge_for(action, self.state)
        if edge is None:
            return False
        if edge.needs_reason and not reason.strip():
            return False
        return self.may_act(actor, edge) and self.rule_allows(action)

    # --- the rules ------------------------------------------------------------------------------

    def row(self) -> Dossier:
        return Dossier.objects.get(pk=self.dossier_id)

    def snapshot(self) -> dict:
        dossier = self.row()
        return {
            **model_to_dict(dossier),
            "history": dossier.history.count(),
            "audit": AuditEvent.objects.filter(
                object_type="dossiers.dossier", object_id=str(dossier.pk)
            ).count(),
        }

    def move(self, action, reason, version) -> Move:
        due_at = self.row().due_at
        return Move(
            action,
            expected_version=version,
            reason=reason,
            assignee=self.office.sophie,
            to_agency=self.office.committee_b,
            new_due_at=due_at + timedelta(days=2) if due_at else None,
        )

    @rule(
        actor=st.sampled_from(ACTORS),
        action=st.sampled_from(list(Action)),
        reason=st.sampled_from(REASONS),
    )
    def act(self, actor, action, reason):
        self.attempt(actor, action, reason)

    # Most actions are impossible in most states, and most people may not take the rest: this
    # rule has someone entitled take a possible step, so the later states are reached too.
    @precondition(lambda self: self.state not in FINAL_STATES)
    @rule(data=st.data())
    def take_a_next_step(self, data):
        edge = data.draw(st.sampled_from(actions_from(self.state)))
        entitled = [actor for actor in ACTORS if self.may_act(actor, edge)]
        actor = data.draw(st.sampled_from(entitled or ACTORS))
        self.attempt(actor, edge.action, "Lý do ghi trên thông báo")

    @precondition(lambda self: self.state in TOWARDS_THE_RESULT)
    @rule(data=st.data())
    def move_towards_the_result(self, data):
        edge = edge_for(TOWARDS_THE_RESULT[self.state], self.state)
        entitled = [actor for actor in ACTORS if self.may_act(actor, edge)]
        actor = data.draw(st.sampled_from(entitled or ACTORS))
        self.attempt(actor, edge.action, "")

    def attempt(self, actor, action, reason):
        before = self.snapshot()
        move = self.move(action, reason, before["version"])
        should_succeed = self.expects_success(actor, action, reason)
        try:
            dossier = dossier_transition(
                dossier_id=self.dossier_id, move=move, actor=getattr(self.office, actor)
            )
        except Conflict:
            raise AssertionError("the current version was refused as stale") from None
        except WorkflowError:
            assert not should_succeed, f"{actor} was refused {action} in {self.state}"
            assert self.snapshot() == before, "a refused action wrote something"
            return
        assert should_succeed, f"{actor} was allowed {action} in {self.state}"
        assert dossier.version == before["version"] + 1
        self.state = edge_for(action, self.state).target or self.state
        self.accepted.append(action)
        if action == Action.TRANSFER:
            self.at_home = False
        if action == Action.REQUEST_SUPPLEMENT:
            self.supplement_requested = True
        if action in (Action.ACCEPT, Action.SUPPLEMENT_RECEIVED):
            self.has_due_date = True
        if action == Action.APOLOGISE:
            self.extended_due_at = move.new_due_at

    @rule(
        actor=st.sampled_from(ACTORS),
        action=st.sampled_from(list(Action)),
        offset=st.sampled_from([-1, 1]),
    )
    def act_from_a_stale_page(self, actor, action, offset):
        before = self.snapshot()
        move = self.move(action, "Lý do", before["version"] + offset)
        with pytest.raises(Conflict):
            dossier_transition(
                dossier_id=self.dossier_id, move=move, actor=getattr(self.office, actor)
            )
        assert self.snapshot() == before

    # --- the invariants -------------------------------------------------------------------------

    @invariant()
    def the_dossier_is_what_the_model_says(self):
        dossier = self.row()
        assert dossier.state in State.values
        assert dossier.state == self.state
        # One version per accepted step, one status row per accepted step, nothing else.
        assert dossier.version == len(self.accepted)
        assert list(dossier.history.values_list("action", flat=True)) == self.accepted
        assert AuditEvent.objects.filter(
            object_type="dossiers.dossier", object_id=str(dossier.pk)
        ).count() == len(self.accepted)

    @invariant()
    def deadlines_never_come_before_receipt(self):
        dossier = self.row()
        if dossier.due_at and dossier.received_at:
            assert dossier.due_at >= dossier.received_at
        assert (dossier.due_at is not None) == self.has_due_date

    @invariant()
    def the_date_moves_at_most_once(self):
        dossier = self.row()
        assert dossier.extended_due_at == self.extended_due_at
        assert dossier.history.filter(action=Action.APOLOGISE).count() <= 1


def test_random_people_and_actions_never_break_the_workflow(office):
    run_state_machine_as_test(
        lambda: DossierMachine(office),
        settings=settings(max_examples=25, stateful_step_count=20, deadline=None, database=None),
    )

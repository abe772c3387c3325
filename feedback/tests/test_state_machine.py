"""Random people try random actions on one feedback item. A plain-Python model, told only what
the workflow table and the cast's roles say, predicts each answer; the invariants hold after
every step."""

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

from core.models import AuditEvent
from feedback.models import FeedbackItem
from feedback.services import Conflict, FeedbackError, Move, feedback_transition
from feedback.tests.conftest import registered
from feedback.workflow import FINAL_STATES, Action, State, actions_from, edge_for
from org.models import Role

ACTORS = ["alice", "sophie", "leo", "bob", "ivy"]
NOTES = ["", "   ", "Trả lời: đã xử lý"]
ASSIGNEES = ["sophie", "leo", "bob"]


class FeedbackMachine(RuleBasedStateMachine):
    def __init__(self, office):
        super().__init__()
        self.office = office

    @initialize()
    def register(self):
        self.item_id = registered(self.office).pk
        self.state = State.REGISTERED
        self.assignee = None
        self.accepted = ["register"]

    def may_act(self, actor, edge) -> bool:
        if actor == "alice":  # commune A's counter, where the item was registered
            return Role.RECEIVING_OFFICER in edge.roles
        if actor == "leo":
            return Role.LEADER in edge.roles
        if actor == "sophie":
            return Role.SPECIALIST in edge.roles and (
                edge.action != Action.ANSWER or self.assignee == "sophie"
            )
        return False  # Bob works at commune B; Ivy inspects and never acts

    def expects_success(self, actor, action, note, assignee) -> bool:
        edge = edge_for(action, self.state)
        if edge is None or (edge.needs_reason and not note.strip()):
            return False
        if action == Action.ASSIGN and assignee == "bob":
            return False
        return self.may_act(actor, edge)

    def snapshot(self) -> dict:
        item = FeedbackItem.objects.get(pk=self.item_id)
        return {
            **model_to_dict(item),
            "history": item.history.count(),
            "audit": AuditEvent.objects.filter(
                object_type="feedback.feedbackitem", object_id=str(item.pk)
            ).count(),
        }

    def attempt(self, actor, action, note, assignee):
        before = self.snapshot()
        move = Move(
            action=action,
            expected_version=before["version"],
            note=note,
            assignee=getattr(self.office, assignee),
            forwarded_to="Sở Tư pháp",
            public_question="Câu hỏi",
            public_answer="Câu trả lời",
        )
        should = self.expects_success(actor, action, note, assignee)
        try:
            feedback_transition(item_id=self.item_id, move=move, actor=getattr(self.office, actor))
        except Conflict:
            raise AssertionError("the current version was refused as stale") from None
        except FeedbackError:
            assert not should, f"{actor} was refused {action} in {self.state}"
            assert self.snapshot() == before, "a refused action wrote something"
            return
        assert should, f"{actor} was allowed {action} in {self.state}"
        self.state = edge_for(action, self.state).target
        self.accepted.append(action)
        if action == Action.ASSIGN:
            self.assignee = assignee

    @rule(
        actor=st.sampled_from(ACTORS),
        action=st.sampled_from(list(Action)),
        note=st.sampled_from(NOTES),
        assignee=st.sampled_from(ASSIGNEES),
    )
    def act(self, actor, action, note, assignee):
        self.attempt(actor, action, note, assignee)

    @precondition(lambda self: self.state in set(State) - FINAL_STATES)
    @rule(data=st.data())
    def take_a_next_step(self, data):
        edges = actions_from(self.state)
        edge = data.draw(st.sampled_from(edges))
        assignee = data.draw(st.sampled_from(["sophie", "leo"]))
        entitled = [actor for actor in ACTORS if self.may_act(actor, edge)]
        actor = data.draw(st.sampled_from(entitled or ACTORS))
        self.attempt(actor, edge.action, "Nội dung", assignee)

    @rule(actor=st.sampled_from(ACTORS), action=st.sampled_from(list(Action)))
    def act_from_a_stale_page(self, actor, action):
        before = self.snapshot()
        move = Move(action=action, expected_version=before["version"] - 1, note="Nội dung")
        with pytest.raises(Conflict):
            feedback_transition(item_id=self.item_id, move=move, actor=getattr(self.office, actor))
        assert self.snapshot() == before

    @invariant()
    def the_item_is_what_the_model_says(self):
        item = FeedbackItem.objects.get(pk=self.item_id)
        assert item.state == self.state
        assert item.version == len(self.accepted)
        assert list(item.history.values_list("action", flat=True)) == self.accepted
        assert AuditEvent.objects.filter(
            object_type="feedback.feedbackitem", object_id=str(item.pk)
        ).count() == len(self.accepted)
        # Dates follow the state: answered items have an answer time, published ones both.
        if self.state in (State.ANSWERED, State.PUBLISHED):
            assert item.answered_at is not None and item.answer
        if self.state == State.PUBLISHED:
            assert item.published_at is not None and item.public_answer
        if self.state in (State.OUTSIDE, State.ACCEPTED, State.IN_HANDLING):
            assert item.due_at is not None


@pytest.mark.django_db
def test_random_people_and_actions_follow_the_table(office):
    run_state_machine_as_test(
        lambda: FeedbackMachine(office),
        settings=settings(max_examples=25, stateful_step_count=12, deadline=None),
    )

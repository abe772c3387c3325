"""The feedback workflow as scenario lists (Amsterdam/signals' style): who does what, in which
order, and what the item, its history and the person's messages look like after."""

from datetime import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.workdays import VIETNAM
from feedback.models import FeedbackItem
from feedback.services import Conflict, FeedbackError, Move, feedback_transition
from feedback.tests.conftest import registered
from feedback.workflow import Action, State
from notifications.models import Notification

pytestmark = pytest.mark.django_db

NOTE = "Nội dung ghi cho người gửi"


def step(office, item, who, action, **extra):
    item.refresh_from_db()
    move = Move(action=action, expected_version=item.version, note=extra.pop("note", NOTE), **extra)
    return feedback_transition(item_id=item.pk, move=move, actor=getattr(office, who), **({}))


SCENARIOS = {
    "answered and published": [
        ("alice", Action.ACCEPT, {}),
        ("leo", Action.ASSIGN, {"assignee": "sophie"}),
        ("sophie", Action.ANSWER, {}),
        ("leo", Action.PUBLISH, {"public_question": "Hỏi", "public_answer": "Đáp"}),
    ],
    "not accepted": [("alice", Action.REJECT, {})],
    "a complaint goes to its own procedure": [("leo", Action.REDIRECT, {})],
    "outside competence, forwarded": [
        ("alice", Action.DECLARE_OUTSIDE, {}),
        ("alice", Action.FORWARD, {"forwarded_to": "Sở Tư pháp"}),
    ],
    "reassigned, answered by the leader": [
        ("alice", Action.ACCEPT, {}),
        ("alice", Action.ASSIGN, {"assignee": "sophie"}),
        ("leo", Action.ASSIGN, {"assignee": "leo"}),
        ("leo", Action.ANSWER, {}),
    ],
}
FINAL = {
    "answered and published": State.PUBLISHED,
    "not accepted": State.NOT_ACCEPTED,
    "a complaint goes to its own procedure": State.REDIRECTED,
    "outside competence, forwarded": State.FORWARDED,
    "reassigned, answered by the leader": State.ANSWERED,
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario(office, name):
    item = registered(office)
    for who, action, extra in SCENARIOS[name]:
        extra = {
            key: getattr(office, value) if key == "assignee" else value
            for key, value in extra.items()
        }
        step(office, item, who, action, **extra)
    item.refresh_from_db()
    assert item.state == FINAL[name]
    history = list(item.history.values_list("action", "actor_label"))
    assert history == [("register", "applicant")] + [
        (action, who) for who, action, _extra in SCENARIOS[name]
    ]
    # One audit row per step, with who did it.
    assert AuditEvent.objects.filter(
        object_id=str(item.pk), action__startswith="feedback_"
    ).count() == len(history)


def test_every_decision_is_told_to_the_person_by_sms_and_email(office):
    item = registered(office)
    step(office, item, "alice", Action.ACCEPT)
    step(office, item, "leo", Action.ASSIGN, assignee=office.sophie)
    step(office, item, "sophie", Action.ANSWER, note="Đã nhắc nhở cán bộ, xin lỗi ông.")
    texts = list(Notification.objects.filter(object_id=str(item.pk)).values_list("channel", "body"))
    # Receipt and answer, each by SMS (unaccented) and e-mail.
    assert len(texts) == 4
    assert any(channel == "sms" and "Da nhac nho can bo" in body for channel, body in texts)
    assert any(channel == "email" and "Đã nhắc nhở cán bộ" in body for channel, body in texts)
    assert all(item.code in body for _channel, body in texts)


def test_accepting_sets_the_answer_deadline_from_receipt_in_working_days(office, settings):
    settings.FEEDBACK_ANSWER_DAYS = 10
    item = registered(office)
    # Received Tuesday 28/4/2026: 30/4 and 1/5 are holidays.
    FeedbackItem.objects.filter(pk=item.pk).update(
        received_at=datetime(2026, 4, 28, 9, 0, tzinfo=VIETNAM)
    )
    item = step(office, item, "alice", Action.ACCEPT)
    assert item.due_at == datetime(2026, 5, 14, 17, 0, tzinfo=VIETNAM)


def test_declaring_it_outside_gives_five_working_days_to_forward(office):
    item = registered(office)
    FeedbackItem.objects.filter(pk=item.pk).update(
        received_at=datetime(2026, 8, 28, 9, 0, tzinfo=VIETNAM)
    )
    item = step(office, item, "alice", Action.DECLARE_OUTSIDE)
    # The shipped swap (31/8 off) and the National Day (1–2/9) are skipped.
    assert item.due_at == datetime(2026, 9, 9, 17, 0, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("who", "action", "why"),
    [
        ("bob", Action.ACCEPT, "role"),  # another commune's counter
        ("ivy", Action.ACCEPT, "role"),  # the inspector reads, never acts
        ("sophie", Action.ACCEPT, "role"),  # classifying is the counter's or the leader's
        ("alice", Action.ANSWER, "state"),  # not assigned yet
        ("alice", Action.PUBLISH, "state"),
    ],
)
def test_refused_moves_write_nothing(office, who, action, why):
    item = registered(office)
    before = (item.state, item.version, item.history.count())
    with pytest.raises(FeedbackError):
        step(office, item, who, action)
    item.refresh_from_db()
    assert (item.state, item.version, item.history.count()) == before


def test_an_officer_answers_only_what_was_given_to_them(office, django_user_model):
    from org.models import Role
    from org.tests.factories import UserFactory, give_role

    other = UserFactory(username="olga")
    give_role(other, office.committee_a, Role.SPECIALIST)
    item = registered(office)
    step(office, item, "alice", Action.ACCEPT)
    step(office, item, "leo", Action.ASSIGN, assignee=office.sophie)
    office.olga = other
    with pytest.raises(FeedbackError, match="cán bộ được giao"):
        step(office, item, "olga", Action.ANSWER)
    step(office, item, "sophie", Action.ANSWER)


def test_it_cannot_be_assigned_to_someone_of_another_agency(office):
    item = registered(office)
    step(office, item, "alice", Action.ACCEPT)
    with pytest.raises(FeedbackError):
        step(office, item, "leo", Action.ASSIGN, assignee=office.bob)


@pytest.mark.parametrize("note", ["", "   "])
def test_a_refusal_needs_its_reason(office, note):
    item = registered(office)
    with pytest.raises(FeedbackError):
        step(office, item, "alice", Action.REJECT, note=note)


def test_a_stale_page_changes_nothing(office):
    item = registered(office)
    stale = item.version
    step(office, item, "alice", Action.ACCEPT)
    with pytest.raises(Conflict):
        feedback_transition(
            item_id=item.pk,
            move=Move(action=Action.REJECT, expected_version=stale, note=NOTE),
            actor=office.alice,
        )
    item.refresh_from_db()
    assert item.state == State.ACCEPTED


def test_history_records_when(office):
    item = registered(office)
    before = timezone.now()
    step(office, item, "alice", Action.ACCEPT)
    last = item.history.last()
    assert last.at >= before and last.actor == office.alice and last.due_at is not None

"""The feedback (phản ánh, kiến nghị) workflow: every state, every move, who may make it and why.

One table, as for dossiers (dossiers/workflow.py), but a second lifecycle beside it rather than a
copy: Decree 20/2008/NĐ-CP (amended by Decree 48/2013) on receiving and handling feedback on
administrative regulations. Register → classify → (forward | assign → answer → publish).
The services refuse and the pages offer an action by the same `refusal`, so a page never offers
what the service would refuse.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.actors import Actor, ActorKind
from org.access import holds_role_over, roles_of
from org.models import Role


class State(models.TextChoices):
    REGISTERED = "registered", _("registered, to be classified")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    REDIRECTED = "redirected", _("forwarded as a complaint or denunciation")
    OUTSIDE = "outside", _("outside our competence, to be forwarded")
    FORWARDED = "forwarded", _("forwarded to the competent agency")
    ACCEPTED = "accepted", _("within our competence, to be assigned")
    IN_HANDLING = "in_handling", _("being handled")
    ANSWERED = "answered", _("answered")
    PUBLISHED = "published", _("answer published")


FINAL_STATES = frozenset({State.NOT_ACCEPTED, State.REDIRECTED, State.FORWARDED, State.PUBLISHED})
# Sorted, like the dossier queues: the partial index and the queries name the same list.
ACTIVE_STATES = tuple(sorted(set(State) - FINAL_STATES - {State.ANSWERED}))
# The states in which the item has a deadline that can be missed: the forwarding window while
# outside our competence, the answer's term while within it.
DEADLINE_STATES = frozenset({State.OUTSIDE, State.ACCEPTED, State.IN_HANDLING})


# The history's name for the first step, which is not a move of the table.
REGISTER = "register"


class Action(models.TextChoices):
    REJECT = "reject", _("not accept, with the reason")
    REDIRECT = "redirect", _("forward as a complaint or denunciation")
    ACCEPT = "accept", _("accept: within our competence")
    DECLARE_OUTSIDE = "declare_outside", _("classify as outside our competence")
    FORWARD = "forward", _("forward to the competent agency")
    ASSIGN = "assign", _("assign to an officer")
    ANSWER = "answer", _("answer the sender")
    PUBLISH = "publish", _("publish the answer")


@dataclass(frozen=True)
class Edge:
    action: str
    sources: frozenset
    target: str
    roles: frozenset
    needs_reason: bool = False


INTAKE = frozenset({Role.RECEIVING_OFFICER, Role.LEADER})
HANDLERS = frozenset({Role.SPECIALIST, Role.LEADER})
LEADER = frozenset({Role.LEADER})


def _e(action, sources, target, roles, *, needs_reason=False) -> Edge:
    return Edge(action, frozenset(sources), target, frozenset(roles), needs_reason)


EDGES = [
    # Decree 20/2008 art. 8–9: feedback that is not about an administrative regulation, or is
    # anonymous / unreadable, is not taken up; the person is told why.
    _e(Action.REJECT, {State.REGISTERED}, State.NOT_ACCEPTED, INTAKE, needs_reason=True),
    # Art. 9: a complaint or a denunciation follows the Law on Complaints / on Denunciations;
    # the person is told where it went (the notice is the reason).
    _e(Action.REDIRECT, {State.REGISTERED}, State.REDIRECTED, INTAKE, needs_reason=True),
    # Art. 10: within competence → handled here, within the handling term.
    _e(Action.ACCEPT, {State.REGISTERED}, State.ACCEPTED, INTAKE),
    # Art. 10: outside competence → forwarded to the competent agency within 5 working days.
    _e(Action.DECLARE_OUTSIDE, {State.REGISTERED}, State.OUTSIDE, INTAKE),
    _e(Action.FORWARD, {State.OUTSIDE}, State.FORWARDED, INTAKE, needs_reason=True),
    # The leader (or the intake officer for routine items) gives the item to an officer; it
    # may be given to another while it is being handled.
    _e(Action.ASSIGN, {State.ACCEPTED, State.IN_HANDLING}, State.IN_HANDLING, INTAKE),
    # The answer is sent to the person (SMS / e-mail) the moment it is recorded.
    _e(Action.ANSWER, {State.IN_HANDLING}, State.ANSWERED, HANDLERS, needs_reason=True),
    # Art. 13: answers are made public; the leader decides what the public text says.
    _e(Action.PUBLISH, {State.ANSWERED}, State.PUBLISHED, LEADER),
]

WORKFLOW_ROLES = frozenset().union(*(edge.roles for edge in EDGES))
_BY_ACTION = {edge.action: edge for edge in EDGES}


def edge_for(action: str, state: str) -> Edge | None:
    """The edge that lets `action` happen in `state`, or None if the workflow forbids it."""
    edge = _BY_ACTION.get(action)
    if edge is None or state not in edge.sources:
        return None
    return edge


def actions_from(state: str) -> list[Edge]:
    return [edge for edge in EDGES if state in edge.sources]


def staff_roles_over(user, item) -> frozenset:
    """The workflow roles `user` holds where they count for `item`: the receiving officer's at
    the counter that registered it, the others at the agency that answers for it (or above)."""
    held = {staff_role.role for staff_role in roles_of(user)} & WORKFLOW_ROLES
    return frozenset(
        role
        for role in held
        if holds_role_over(
            user,
            {role},
            {item.intake_agency_id if role == Role.RECEIVING_OFFICER else item.agency_id},
        )
    )


def refusal(item, actor: Actor, edge: Edge, *, roles: frozenset) -> str:
    """Why `actor` may not take `edge` now, or "" when they may. Only staff move an item: the
    person who sent it is told, and may send another."""
    if actor.kind != ActorKind.STAFF:
        return gettext("Only staff move feedback along its workflow.")
    if not edge.roles & roles:
        return gettext("Your role does not allow this action on this feedback.")
    # An officer answers what was given to them; the leader may answer anything.
    answering_for_another = edge.action == Action.ANSWER and item.assignee_id != actor.user.pk
    if answering_for_another and Role.LEADER not in roles:
        return gettext("Only the officer it was assigned to (or a leader) answers it.")
    return ""


def allowed_edges(item, actor: Actor) -> list[Edge]:
    roles = staff_roles_over(actor.user, item) if actor.is_staff else frozenset()
    return [
        edge for edge in actions_from(item.state) if not refusal(item, actor, edge, roles=roles)
    ]

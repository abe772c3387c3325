"""The dossier workflow: every state, every allowed move, who may make it and why it exists.

This table is the only definition of the workflow. `dossiers.services.dossier_transition` reads
it; nothing else decides whether a dossier may change state.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.actors import Actor, ActorKind
from org.models import Role


class State(models.TextChoices):
    SUBMITTED = "submitted", _("submitted online, not yet received")
    ACCEPTED = "accepted", _("received")
    REFUSED = "refused", _("refused at reception")
    IN_PROGRESS = "in_progress", _("being processed")
    PROPOSED = "proposed", _("awaiting the leader's decision")
    SUPPLEMENT_REQUESTED = "supplement", _("supplement requested")
    AWAITING_PAYMENT = "payment", _("awaiting the financial obligation")
    WITHDRAWN = "withdrawn", _("withdrawn by the applicant")
    STOPPED = "stopped", _("processing stopped")
    RESULT_READY = "result_ready", _("result ready")
    RETURNED = "returned", _("result returned")


# The 10 national status codes used to sync with the National Public Service Portal.
NATIONAL_CODE = {
    State.SUBMITTED: 1,
    State.ACCEPTED: 2,
    State.REFUSED: 3,
    State.IN_PROGRESS: 4,
    State.PROPOSED: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.AWAITING_PAYMENT: 6,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
}

FINAL_STATES = frozenset({State.REFUSED, State.WITHDRAWN, State.STOPPED, State.RETURNED})
# Every state a work queue lists: all but the final ones. After a few years they are about 1 %
# of an agency's dossiers, and partial indexes hold exactly these rows, so queues stay fast.
# Sorted, and always written in this order: PostgreSQL recognises a query's `state IN (...)` as
# the indexes' own condition only when the lists are identical; otherwise it counts the
# condition twice, underestimates the rows a hundredfold and picks a slow plan.
ACTIVE_STATES = tuple(sorted(set(State) - FINAL_STATES))


class Action(models.TextChoices):
    ACCEPT = "accept", _("accept")
    REFUSE = "refuse", _("refuse at reception")
    ASSIGN = "assign", _("assign to a specialist")
    TRANSFER = "transfer", _("transfer to another agency")
    REQUEST_SUPPLEMENT = "request_supplement", _("request a supplement")
    SUPPLEMENT_RECEIVED = "supplement_received", _("complete supplement received")
    CLOSE_UNSUPPLEMENTED = "close_unsupplemented", _("close: supplement not provided")
    REQUEST_PAYMENT = "request_payment", _("request the financial obligation")
    PAYMENT_RECEIVED = "payment_received", _("financial obligation fulfilled")
    PROPOSE = "propose", _("propose the result")
    APPROVE = "approve", _("approve and sign")
    REJECT = "reject", _("send back with a reason")
    APOLOGISE = "apologise", _("issue the apology and new date")
    STOP = "stop", _("stop processing")
    WITHDRAW = "withdraw", _("withdraw at the applicant's request")
    RETURN_RESULT = "return_result", _("return the result")


@dataclass(frozen=True)
class Edge:
    action: str
    sources: frozenset
    target: str | None  # None: the state does not change (the apology letter)
    roles: frozenset  # the staff roles that may take it
    needs_reason: bool = False
    # Who may take it besides staff: the system applying a rule of law when its time has come,
    # an external party by its plugin kind ("payment"). Staff take it only with one of `roles`.
    actors: frozenset = frozenset({ActorKind.STAFF})
    plugins: frozenset = frozenset()

    def names(self, actor: Actor) -> bool:
        """Whether the edge names the actor's kind (for staff, their roles are checked apart:
        they depend on where the dossier is)."""
        if actor.kind not in self.actors:
            return False
        if actor.kind == ActorKind.EXTERNAL:
            return actor.plugin_kind in self.plugins
        return True


COUNTER = frozenset({Role.RECEIVING_OFFICER})
HANDLERS = frozenset({Role.SPECIALIST, Role.LEADER})
STAFF = frozenset({ActorKind.STAFF})
UNFINISHED = frozenset(
    {
        State.SUBMITTED,
        State.ACCEPTED,
        State.IN_PROGRESS,
        State.PROPOSED,
        State.SUPPLEMENT_REQUESTED,
        State.AWAITING_PAYMENT,
    }
)


def _e(action, sources, target, roles, *, needs_reason=False, actors=STAFF, plugins=()) -> Edge:
    return Edge(
        action,
        frozenset(sources),
        target,
        frozenset(roles),
        needs_reason,
        frozenset(actors),
        frozenset(plugins),
    )


EDGES = [
    # Decree 118 art. 17.2: an online submission is accepted, or answered with a supplement
    # request, within 8 working hours; refusing needs a stated reason (Mẫu 03).
    _e(Action.ACCEPT, {State.SUBMITTED}, State.ACCEPTED, COUNTER),
    _e(Action.REFUSE, {State.SUBMITTED}, State.REFUSED, COUNTER, needs_reason=True),
    # Art. 18: the counter hands the dossier to the specialist who processes it.
    _e(
        Action.ASSIGN,
        {State.ACCEPTED, State.IN_PROGRESS},
        State.IN_PROGRESS,
        COUNTER | {Role.LEADER},
    ),
    # Liên thông: the dossier moves to the agency that handles the next step.
    _e(
        Action.TRANSFER,
        {State.ACCEPTED, State.IN_PROGRESS},
        State.IN_PROGRESS,
        HANDLERS | COUNTER,
        needs_reason=True,
    ),
    # Art. 19.5: one request, listing everything (Mẫu 02); the term restarts from zero when the
    # complete supplement arrives; not completed within 15 days → closed.
    _e(
        Action.REQUEST_SUPPLEMENT,
        {State.SUBMITTED, State.ACCEPTED, State.IN_PROGRESS},
        State.SUPPLEMENT_REQUESTED,
        COUNTER | HANDLERS,
        needs_reason=True,
    ),
    _e(Action.SUPPLEMENT_RECEIVED, {State.SUPPLEMENT_REQUESTED}, State.IN_PROGRESS, COUNTER),
    _e(
        Action.CLOSE_UNSUPPLEMENTED,
        {State.SUPPLEMENT_REQUESTED},
        State.STOPPED,
        COUNTER | HANDLERS,
        needs_reason=True,
        # The daily job closes it when the 15 days have passed (`close_unsupplemented`).
        actors=STAFF | {ActorKind.SYSTEM},
    ),
    # The clock pauses while the citizen pays fees or taxes [ours, DOMAIN.md §5 rule 6].
    _e(Action.REQUEST_PAYMENT, {State.IN_PROGRESS}, State.AWAITING_PAYMENT, HANDLERS),
    # Paid at the counter, or confirmed by the payment gateway the citizen paid through.
    _e(
        Action.PAYMENT_RECEIVED,
        {State.AWAITING_PAYMENT},
        State.IN_PROGRESS,
        COUNTER | HANDLERS,
        actors=STAFF | {ActorKind.EXTERNAL},
        plugins={"payment"},
    ),
    _e(Action.PROPOSE, {State.IN_PROGRESS}, State.PROPOSED, {Role.SPECIALIST}),
    _e(Action.APPROVE, {State.PROPOSED}, State.RESULT_READY, {Role.LEADER}),
    _e(Action.REJECT, {State.PROPOSED}, State.IN_PROGRESS, {Role.LEADER}, needs_reason=True),
    # Art. 19.6: a dossier that will be late gets one apology letter with a new date (Mẫu 04).
    # Also from "result ready": a result approved after the due date still needs its letter.
    _e(
        Action.APOLOGISE,
        {
            State.ACCEPTED,
            State.IN_PROGRESS,
            State.PROPOSED,
            State.AWAITING_PAYMENT,
            State.RESULT_READY,
        },
        None,
        HANDLERS,
        needs_reason=True,
    ),
    # Mẫu 05: processing stops, with the reason recorded.
    _e(
        Action.STOP,
        {State.ACCEPTED, State.IN_PROGRESS, State.PROPOSED},
        State.STOPPED,
        HANDLERS,
        needs_reason=True,
    ),
    _e(Action.WITHDRAW, UNFINISHED, State.WITHDRAWN, COUNTER | HANDLERS, needs_reason=True),
    # The result goes back at the counter, by post (postal clerk) or online.
    _e(Action.RETURN_RESULT, {State.RESULT_READY}, State.RETURNED, COUNTER | {Role.POSTAL_CLERK}),
]

_BY_ACTION: dict[str, Edge] = {edge.action: edge for edge in EDGES}


def edge_for(action: str, state: str) -> Edge | None:
    """The edge that lets `action` happen in `state`, or None if the workflow forbids it."""
    edge = _BY_ACTION.get(action)
    if edge is None or state not in edge.sources:
        return None
    return edge


def actions_from(state: str) -> list[Edge]:
    return [edge for edge in EDGES if state in edge.sources]

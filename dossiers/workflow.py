"""The dossier workflow: every state, every allowed move, who may make it and why it exists.

This table is the only definition of the workflow: the services refuse and the pages offer an
action by the same `refusal` below (the edge, the actor it names, the rule of law that guards it),
so a page never offers what the service would refuse.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Channel
from core.actors import Actor, ActorKind
from core.holds import result_held
from org.access import holds_role_over, roles_of
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


# A rule of law that forbids an edge although the dossier is in one of its source states: a
# pure function of the dossier's fields and the time, returning why, or "" when it allows it.
Guard = Callable[["object", datetime], str]


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
    guard: Guard | None = None

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
# Counter roles act where the dossier was received and is returned; the others where it is
# being handled now (after a transfer, the first agency's specialists no longer act on it).
COUNTER_ROLES = frozenset({Role.RECEIVING_OFFICER, Role.POSTAL_CLERK})
STAFF = frozenset({ActorKind.STAFF})
# Art. 19.5: a dossier whose supplement does not arrive within 15 days is closed [ours: calendar
# days, the law does not say working days].
SUPPLEMENT_WINDOW = timedelta(days=15)
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


# --- Guards --------------------------------------------------------------------------------


def one_supplement_request(dossier, now: datetime) -> str:
    """Art. 19.5: one request, listing everything. Nothing clears the request's date, so it
    says whether the dossier ever had one."""
    if dossier.supplement_requested_at is not None:
        return gettext(
            "A supplement was already requested once. The law allows one request, "
            "listing everything."
        )
    return ""


def supplement_window_over(dossier, now: datetime) -> str:
    """Art. 19.5: closed only once the 15 days since the request have passed."""
    requested = dossier.supplement_requested_at
    if requested is None or now < requested + SUPPLEMENT_WINDOW:
        return gettext("The applicant still has time to bring the supplement (15 days).")
    return ""


def one_apology(dossier, now: datetime) -> str:
    """Art. 19.6: one apology letter, moving a due date the dossier has."""
    if dossier.extended_due_at is not None:
        return gettext("The date was already moved once; it may not move again.")
    if dossier.due_at is None:
        return gettext("This dossier has no due date yet: there is no date to move.")
    return ""


def apology_before_late_return(dossier, now: datetime) -> str:
    """Art. 19.6: a result ready after its due date goes back with its apology letter."""
    late = (
        dossier.due_at is not None
        and dossier.finished_at is not None
        and dossier.finished_at > dossier.due_at
    )
    if late and dossier.extended_due_at is None:
        return gettext(
            "This dossier is late: issue the apology letter with the new date before "
            "returning the result."
        )
    return ""


def result_may_go_back(dossier, now: datetime) -> str:
    """Returning the result: the apology letter first if it is late, and nothing that another
    app holds it for (a fee collected at the result still unpaid: core.holds)."""
    return apology_before_late_return(dossier, now) or result_held(dossier)


def _e(
    action, sources, target, roles, *, needs_reason=False, actors=STAFF, plugins=(), guard=None
) -> Edge:
    return Edge(
        action,
        frozenset(sources),
        target,
        frozenset(roles),
        needs_reason,
        frozenset(actors),
        frozenset(plugins),
        guard,
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
        guard=one_supplement_request,
    ),
    # At the counter, or sent online by the applicant with exactly the items asked for.
    _e(
        Action.SUPPLEMENT_RECEIVED,
        {State.SUPPLEMENT_REQUESTED},
        State.IN_PROGRESS,
        COUNTER,
        actors=STAFF | {ActorKind.APPLICANT},
    ),
    _e(
        Action.CLOSE_UNSUPPLEMENTED,
        {State.SUPPLEMENT_REQUESTED},
        State.STOPPED,
        COUNTER | HANDLERS,
        needs_reason=True,
        # The daily job closes it when the 15 days have passed (`close_unsupplemented`).
        actors=STAFF | {ActorKind.SYSTEM},
        guard=supplement_window_over,
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
        guard=one_apology,
    ),
    # Mẫu 05: processing stops, with the reason recorded.
    _e(
        Action.STOP,
        {State.ACCEPTED, State.IN_PROGRESS, State.PROPOSED},
        State.STOPPED,
        HANDLERS,
        needs_reason=True,
    ),
    # Recorded by staff at the applicant's request, or asked online by the applicant.
    _e(
        Action.WITHDRAW,
        UNFINISHED,
        State.WITHDRAWN,
        COUNTER | HANDLERS,
        needs_reason=True,
        actors=STAFF | {ActorKind.APPLICANT},
    ),
    # The result goes back at the counter, by post (postal clerk) or online. By post it is
    # returned when the carrier reports it delivered (Decision 45/2016: the delivery date); an
    # electronic result when the applicant downloads it (online.services_followup).
    _e(
        Action.RETURN_RESULT,
        {State.RESULT_READY},
        State.RETURNED,
        COUNTER | {Role.POSTAL_CLERK},
        actors=STAFF | {ActorKind.EXTERNAL, ActorKind.APPLICANT},
        plugins={"postal"},
        guard=result_may_go_back,
    ),
]

# Reception, per channel: not a move between states but the first row of every history, and
# authorised the same way. The counter receives in person; by post, the counter or the postal
# clerk opening the mail; online, the applicant, or a guide at the centre submitting with them.
RECEIVE = "receive"
RECEPTION = {
    Channel.DIRECT: _e(RECEIVE, (), State.ACCEPTED, COUNTER),
    Channel.POSTAL: _e(RECEIVE, (), State.ACCEPTED, COUNTER_ROLES),
    Channel.ONLINE: _e(
        RECEIVE,
        (),
        State.SUBMITTED,
        {Role.RECEIVING_OFFICER, Role.VOLUNTEER},
        actors=STAFF | {ActorKind.APPLICANT},
    ),
}

_BY_ACTION: dict[str, Edge] = {edge.action: edge for edge in EDGES}


def edge_for(action: str, state: str) -> Edge | None:
    """The edge that lets `action` happen in `state`, or None if the workflow forbids it."""
    edge = _BY_ACTION.get(action)
    if edge is None or state not in edge.sources:
        return None
    return edge


def actions_from(state: str) -> list[Edge]:
    return [edge for edge in EDGES if state in edge.sources]


# --- Who may act ---------------------------------------------------------------------------


def staff_roles_over(user, dossier) -> frozenset:
    """The workflow roles `user` holds where they count for `dossier`: counter roles at its
    receiving or return point, the others at the agency handling it now (org.access)."""
    at_counter = {dossier.receiving_agency_id, dossier.return_agency_id}
    held = {staff_role.role for staff_role in roles_of(user)} & WORKFLOW_ROLES
    return frozenset(
        role
        for role in held
        if holds_role_over(
            user, {role}, at_counter if role in COUNTER_ROLES else {dossier.handling_agency_id}
        )
    )


def actor_refusal(actor: Actor, edge: Edge, *, roles: frozenset) -> str:
    """Why `actor` may not take `edge`, or "". `roles`: for staff, what `staff_roles_over`
    (or, at reception, the receiving agency) gives them."""
    if not edge.names(actor):
        return gettext("The workflow does not let the %(actor)s take this action.") % {
            "actor": ActorKind(actor.kind).label
        }
    if actor.is_staff and not edge.roles & roles:
        return gettext("Your role does not allow this action on this dossier.")
    return ""


def refusal(dossier, actor: Actor, edge: Edge, *, now: datetime, roles: frozenset) -> str:
    """Why `actor` may not take `edge` out of the dossier's state now, or "" when they may:
    the actor the edge names, then the rule of law that guards it. What the person typed (a
    reason, a date, an assignee) is checked by the service."""
    return actor_refusal(actor, edge, roles=roles) or (
        edge.guard(dossier, now) if edge.guard else ""
    )


def allowed_edges(dossier, actor: Actor, *, now: datetime) -> list[Edge]:
    """The edges out of the dossier's state that `actor` may take now."""
    roles = staff_roles_over(actor.user, dossier) if actor.is_staff else frozenset()
    return [
        edge
        for edge in actions_from(dossier.state)
        if not refusal(dossier, actor, edge, now=now, roles=roles)
    ]


WORKFLOW_ROLES = frozenset().union(*(edge.roles for edge in EDGES))

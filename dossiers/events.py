"""What the dossier services announce: the event kinds other apps subscribe to, and the one
function that writes them (core.events) with the change."""

from core.actors import Actor
from core.events import event_record
from dossiers.models import Dossier
from dossiers.workflow import NATIONAL_CODE, Action, State

# Every change of state, including the first one at reception: the stream the national sync
# and the reports follow. Its payload carries both states and their national codes (1–10).
STATE_CHANGED = "dossier.state_changed"
# What happened, one kind per action, for subscribers that care about the moment itself (the
# applicant's messages, a survey after the result, payments when fees are due).
SUBMITTED = "dossier.submitted"  # online, waiting to be accepted
RECEIVED = "dossier.received"  # full and valid receipt: at the counter, by post, or accepted
KIND_OF_ACTION = {
    Action.ACCEPT: RECEIVED,
    Action.REFUSE: "dossier.refused",
    Action.ASSIGN: "dossier.assigned",
    Action.TRANSFER: "dossier.transferred",
    Action.REQUEST_SUPPLEMENT: "dossier.supplement_requested",
    Action.SUPPLEMENT_RECEIVED: "dossier.supplement_received",
    Action.CLOSE_UNSUPPLEMENTED: "dossier.closed_unsupplemented",
    Action.REQUEST_PAYMENT: "dossier.payment_requested",
    Action.PAYMENT_RECEIVED: "dossier.payment_received",
    Action.PROPOSE: "dossier.result_proposed",
    Action.APPROVE: "dossier.result_ready",
    Action.REJECT: "dossier.proposal_rejected",
    Action.APOLOGISE: "dossier.apology_issued",
    Action.STOP: "dossier.stopped",
    Action.WITHDRAW: "dossier.withdrawn",
    Action.RETURN_RESULT: "dossier.returned",
}
SUPPLEMENT_REQUESTED = KIND_OF_ACTION[Action.REQUEST_SUPPLEMENT]
APOLOGY_ISSUED = KIND_OF_ACTION[Action.APOLOGISE]
RESULT_READY = KIND_OF_ACTION[Action.APPROVE]
RETURNED = KIND_OF_ACTION[Action.RETURN_RESULT]
WITHDRAWN = KIND_OF_ACTION[Action.WITHDRAW]
ACTION_KINDS = frozenset(KIND_OF_ACTION.values())  # one event per workflow action
ALL_KINDS = frozenset({STATE_CHANGED, SUBMITTED, *ACTION_KINDS})
RECEIVE = "receive"  # the history's name for the reception, which is not a workflow action


def dossier_announce(
    *,
    dossier: Dossier,
    action: str,
    from_state: str,
    actor: Actor,
    agency_code: str,
    reason: str = "",
) -> None:
    """Record what `action` did to `dossier`, inside its transaction: the action's own event
    and, when the state moved, `dossier.state_changed`. Payloads hold codes, states and dates,
    never the applicant's personal data (subscribers read it through dossiers.selectors)."""
    to_state = dossier.state
    payload = {
        "code": dossier.code,
        "action": action,
        "channel": dossier.channel,
        "procedure_version_id": dossier.procedure_version_id,
        "from_state": from_state,
        "to_state": to_state,
        "from_national_code": NATIONAL_CODE.get(from_state) if from_state else None,
        "to_national_code": NATIONAL_CODE[to_state],
        "due_at": dossier.due_at,
        "extended_due_at": dossier.extended_due_at,
        "reason": reason,
    }
    if action == RECEIVE:
        kind = SUBMITTED if to_state == State.SUBMITTED else RECEIVED
    else:
        kind = KIND_OF_ACTION[action]
    common = {"subject": dossier, "actor": actor, "agency_code": agency_code, "payload": payload}
    event_record(kind=kind, **common)
    if to_state != from_state:
        event_record(kind=STATE_CHANGED, **common)

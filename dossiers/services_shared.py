"""What reception and the workflow's moves share: their errors, who acted as history and
audit rows record it, and the clock and time limit a dossier's dates are computed with."""

from django.utils.translation import gettext_lazy

from catalog.models import ProcedureVersion
from core.actors import Actor
from core.selectors import working_calendar
from core.workdays import Term, TermUnit
from dossiers.models import Dossier
from org.selectors import office_hours_for


class WorkflowError(Exception):
    """The action is not allowed now; the message says why, for the person who tried."""


class Conflict(WorkflowError):
    """Someone else changed the dossier since this page was loaded (R3)."""


STALE = gettext_lazy(
    "Someone else changed this dossier a moment ago. Reload the page to see what changed."
)


def _term(version: ProcedureVersion, channel: str) -> Term | None:
    """The time limit the version publishes for the channel the dossier came by. Never another
    channel's: a channel without a published limit has no due date to compute."""
    term = next((term for term in version.channels.all() if term.channel == channel), None)
    if term is None or term.term_value is None:
        return None
    return Term(term.term_value, TermUnit(term.term_unit))


def _who(actor: Actor) -> dict:
    """The history row's actor columns."""
    return {
        "actor": actor.user if actor.is_staff else None,
        "actor_kind": actor.kind,
        "actor_label": actor.label,
    }


def _audited(actor: Actor, new: dict) -> dict:
    """The audit row's actor: the staff account, or for anyone else their kind and label
    written with the new values (core.audit records a user only)."""
    if actor.is_staff:
        return {"actor": actor.user, "new": new}
    return {"actor": None, "new": {**new, "actor": f"{actor.kind}:{actor.label}"}}


def _clock(dossier: Dossier):
    return working_calendar(), office_hours_for(dossier.competent_agency)

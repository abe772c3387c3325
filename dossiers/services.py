"""The only code that creates dossiers or changes their state.

Every write locks the dossier (a row lock on PostgreSQL, and on every engine a compare-and-set on
`version`), checks the workflow table and the actor's role and agency, appends a status row and an
audit row, recomputes the deadline and queues side effects after commit.

Written in three modules, imported from here by every caller: reception
(`services_receive`), the workflow's moves (`services_moves`) and what both share
(`services_shared`).
"""

from dossiers.services_moves import (
    CLOSING_JOB,
    Move,
    dossier_transition,
    dossiers_close_unsupplemented,
)
from dossiers.services_receive import (
    ONLINE_ACCEPTANCE_MINUTES,
    ApplicantData,
    ChecklistItem,
    Reception,
    dossier_receive,
)
from dossiers.services_shared import STALE, Conflict, WorkflowError
from dossiers.workflow import COUNTER_ROLES, SUPPLEMENT_WINDOW

__all__ = [
    "CLOSING_JOB",
    "COUNTER_ROLES",
    "ONLINE_ACCEPTANCE_MINUTES",
    "STALE",
    "SUPPLEMENT_WINDOW",
    "ApplicantData",
    "ChecklistItem",
    "Conflict",
    "Move",
    "Reception",
    "WorkflowError",
    "dossier_receive",
    "dossier_transition",
    "dossiers_close_unsupplemented",
]

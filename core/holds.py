"""Conditions a higher app puts on a lower app's workflow step.

The result of a dossier goes back to the applicant through the dossiers workflow, yet only the
payments app knows whether a fee collected at the result is still unpaid. Rather than have
`dossiers` import `payments` (the import contract forbids it), payments registers a function
here from its AppConfig.ready(); the workflow's guard on returning the result asks every
registered function, and refuses with the first reason one gives.

A hold function gets the dossier and returns "" when it does not hold the result, else the
reason shown to the officer (or the citizen). It runs on every dossier page (the available
actions), so it must cost one small query at most.
"""

from collections.abc import Callable

_RESULT_HOLDS: dict[str, Callable] = {}


def result_hold(func: Callable) -> Callable:
    """Decorator: `func(dossier) -> str`, a reason to keep the result from being returned."""
    _RESULT_HOLDS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def result_held(dossier) -> str:
    """Why the dossier's result may not be returned now, or ""."""
    for func in _RESULT_HOLDS.values():
        reason = func(dossier)
        if reason:
            return reason
    return ""

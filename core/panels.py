"""Places on a lower app's page where a higher app adds its part.

The apps depend one way (pyproject's import contracts): the dossier page lives in `dossiers`, yet
payments, post, feedback and digitised records each have something to show on it, and each
module's overdue work belongs on the officer's "Việc hôm nay". Rather than have the lower app
import the higher ones, a higher app registers a function here in its AppConfig.ready() and the
lower page renders whatever is registered, in a stable order.

A panel function gets the request and the object and returns HTML (render_to_string of its own
template) or None when it has nothing to say. It must use a constant number of queries whatever
the data (the pages' query-count tests include every registered panel).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class _Entry:
    order: int
    name: str
    func: Callable


_DOSSIER_PANELS: list[_Entry] = []
_TODAY_SECTIONS: list[_Entry] = []
_DOSSIER_MARKS: list[_Entry] = []


def _register(registry: list[_Entry], order: int, func: Callable) -> Callable:
    name = f"{func.__module__}.{func.__qualname__}"
    # ready() may run more than once in tests; registering the same function twice is one entry.
    if not any(entry.name == name for entry in registry):
        registry.append(_Entry(order, name, func))
        registry.sort(key=lambda entry: (entry.order, entry.name))
    return func


def dossier_panel(order: int = 100) -> Callable:
    """Decorator: `func(request, dossier) -> str | None`, shown on the staff dossier page after
    the fees, in `order`."""
    return lambda func: _register(_DOSSIER_PANELS, order, func)


def today_section(order: int = 100) -> Callable:
    """Decorator: `func(request) -> TodaySection | None`, listed on the officer's "Việc hôm nay"
    after the dossier lists, for the work a module adds (items to post, feedback due, …)."""
    return lambda func: _register(_TODAY_SECTIONS, order, func)


def dossier_mark(order: int = 100) -> Callable:
    """Decorator: `func(dossiers) -> {dossier pk: Mark}`, a badge a higher app adds next to a
    dossier's state in the staff lists (work queues, "Việc hôm nay") and on its page ("fee
    unpaid"). It gets the whole page of rows and must answer in one query, so a list's query
    count stays the same whatever the number of rows."""
    return lambda func: _register(_DOSSIER_MARKS, order, func)


@dataclass(frozen=True)
class Mark:
    label: str
    tone: str  # badge tone: ok, warn, danger, info


@dataclass
class TodaySection:
    key: str  # the anchor on the page
    title: str
    count: int
    url: str  # the module's own queue with all of them
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # (label, detail, url)


def dossier_panels(request, dossier) -> list[SafeString]:
    shown = (entry.func(request, dossier) for entry in _DOSSIER_PANELS)
    # Each panel renders its own app's template, which escapes what it shows.
    return [mark_safe(html) for html in shown if html]  # noqa: S308 # nosec B308 B703


def today_sections(request) -> list[TodaySection]:
    shown = (entry.func(request) for entry in _TODAY_SECTIONS)
    return [section for section in shown if section is not None]


def dossier_marks(dossiers) -> None:
    """Set `.marks` (a list of Mark) on each dossier of `dossiers`, from every registered
    mark function: one query per function for the whole list."""
    rows = list(dossiers)
    for row in rows:
        row.marks = []
    if not rows:
        return
    for entry in _DOSSIER_MARKS:
        found = entry.func(rows)
        for row in rows:
            mark = found.get(row.pk)
            if mark is not None:
                row.marks.append(mark)

"""Named queries: the numerators and denominators of the indices, written in code and chosen by
name in the rules (reports.models.IndicatorRule). Each returns the exact rows it counts, so the
same function gives the scorecard's count and the drill-down's list.

A query whose records live in an app that has not landed yet is registered as not available: the
rules may name it, and the scorecard shows "chưa có dữ liệu" for it instead of a number. When
that app lands, its line in `reports.queries_catalogue` names the app's selector instead (one
line per query; docs/decisions/0020-reports-and-indices.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.workdays import VIETNAM


class RowKind:
    """What a query's rows are, so the drill-down knows how to list them."""

    DOSSIER = "dossier"
    PROCEDURE = "procedure"
    FEEDBACK = "feedback"
    OTHER = "other"


@dataclass(frozen=True)
class Scope:
    """Where and when an index is computed: the agencies counted (the chosen one and every
    agency below it) and the period, as whole days in Vietnam time."""

    agency_ids: frozenset[int]
    first_day: date
    last_day: date
    # Every agency of the deployment (the province): no agency condition is needed at all.
    everything: bool = False

    @property
    def start(self) -> datetime:
        """The first moment of the period: midnight in Vietnam, whatever the server's zone."""
        return datetime.combine(self.first_day, time.min, tzinfo=VIETNAM)

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=VIETNAM)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    label: str
    kind: str
    # None: the records are kept by an app that has not landed; `provided_by` names it.
    rows: Callable[[Scope], QuerySet] | None = None
    provided_by: str = ""

    @property
    def available(self) -> bool:
        return self.rows is not None


QUERIES: dict[str, NamedQuery] = {}


def register(
    name: str,
    *,
    label,
    kind: str,
    rows: Callable[[Scope], QuerySet] | None = None,
    provided_by: str = "",
) -> None:
    """Add (or replace) one named query. Called at import time by the catalogue modules."""
    QUERIES[name] = NamedQuery(
        name=name, label=label, kind=kind, rows=rows, provided_by=provided_by
    )


def query_named(name: str) -> NamedQuery | None:
    _load()
    return QUERIES.get(name)


def query_choices() -> list[tuple[str, str]]:
    """(name, "name — label") for the rules' admin form: every query, available or not."""
    _load()
    return [
        (
            name,
            f"{name} — {query.label}" + ("" if query.available else f" ({_('not available yet')})"),
        )
        for name, query in sorted(QUERIES.items())
    ]


def _load() -> None:
    # The catalogue registers on import; importing here keeps the registry complete for callers
    # that import only this module (the admin form, the command).
    import reports.queries_catalogue  # noqa: F401
    import reports.queries_connected  # noqa: F401

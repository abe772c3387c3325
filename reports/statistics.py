"""The periodic statistics on receiving and resolving procedures (the report provinces ask for
each month, quarter and year): per agency, field and procedure.

Each dossier enters once (received, or submitted and refused) and leaves once (resolved,
withdrawn, stopped or refused); between the two it is pending. Counting both moments against
the period makes every row add up by construction:
carried over + received = resolved + pending + withdrawn + stopped + refused.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, timedelta

from django.db.models import Case, Count, DateTimeField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from catalog.models import Channel, OnlineLevel, ProcedureVersion
from dossiers.models import Dossier, StatusChange
from dossiers.workflow import ACTIVE_STATES, Action, State
from org.models import Agency
from reports.queries import Scope
from reports.queries_catalogue import RESOLVED, dossiers_in_scope

# Every column, in the order of the provinces' layout.
COLUMNS = (
    "carried_over",
    "received_counter",
    "received_online_full",
    "received_online_partial",
    "received_post",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_within",
    "pending_late",
    "withdrawn",
    "stopped",
    "refused",
    "apologies",
)
FINAL_OTHER = {State.WITHDRAWN: "withdrawn", State.STOPPED: "stopped", State.REFUSED: "refused"}


@dataclass
class StatRow:
    agency: str = ""
    field: str = ""
    procedure_code: str = ""
    procedure: str = ""
    values: dict = dataclass_field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    def __getattr__(self, name):
        values = self.__dict__.get("values")
        if values is not None and name in values:
            return values[name]
        raise AttributeError(name)

    @property
    def received(self) -> int:
        v = self.values
        return (
            v["received_counter"]
            + v["received_online_full"]
            + v["received_online_partial"]
            + v["received_post"]
        )

    @property
    def total_in(self) -> int:
        return self.values["carried_over"] + self.received

    @property
    def resolved(self) -> int:
        v = self.values
        return v["resolved_early"] + v["resolved_on_time"] + v["resolved_late"]

    @property
    def pending(self) -> int:
        return self.values["pending_within"] + self.values["pending_late"]

    @property
    def total_out(self) -> int:
        v = self.values
        return self.resolved + self.pending + v["withdrawn"] + v["stopped"] + v["refused"]

    @property
    def on_time_share(self):
        """Resolved early or on time, as a percentage of the resolved; None with none."""
        if not self.resolved:
            return None
        return round(100 * (self.resolved_early + self.resolved_on_time) / self.resolved, 2)

    def add(self, other: "StatRow") -> None:
        for name in COLUMNS:
            self.values[name] += other.values[name]


@dataclass
class Statistics:
    scope: Scope
    rows: list[StatRow]  # one per agency, field and procedure

    def _by(self, *keys: str) -> list[StatRow]:
        grouped: dict[tuple, StatRow] = {}
        for row in self.rows:
            key = tuple(getattr(row, name) for name in keys)
            if key not in grouped:
                grouped[key] = StatRow(**{name: getattr(row, name) for name in keys})
            grouped[key].add(row)
        return sorted(grouped.values(), key=lambda r: tuple(getattr(r, n) for n in keys))

    @property
    def by_agency(self) -> list[StatRow]:
        return self._by("agency")

    @property
    def by_field(self) -> list[StatRow]:
        return self._by("field")

    @property
    def by_procedure(self) -> list[StatRow]:
        return self._by("procedure_code", "procedure")

    @property
    def total(self) -> StatRow:
        total = StatRow()
        for row in self.rows:
            total.add(row)
        return total


def _moments(rows: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The moment each dossier entered (full receipt; for an online submission refused before
    it was received, its submission) and left (its result ready, its withdrawal, its stop, its
    refusal), or none while it is open."""
    entered = Coalesce("received_at", "submitted_at", "created_at")
    final = (*RESOLVED, State.WITHDRAWN, State.STOPPED, State.REFUSED)
    return rows.exclude(state=State.SUBMITTED).annotate(
        entered_at=entered,
        left_at=Case(
            When(state__in=final, then=Coalesce("finished_at", entered)),
            default=Value(None),
            output_field=DateTimeField(),
        ),
    )


def _counts(scope: Scope) -> dict[str, Count]:
    start, end = scope.start, scope.end
    entered_before = Q(entered_at__lt=start)
    entered_in = Q(entered_at__gte=start, entered_at__lt=end)
    left_in = Q(left_at__gte=start, left_at__lt=end)
    open_at_start = Q(left_at__isnull=True) | Q(left_at__gte=start)
    open_at_end = Q(entered_at__lt=end) & (Q(left_at__isnull=True) | Q(left_at__gte=end))
    online = Q(channel=Channel.ONLINE)
    full = Q(procedure_version__online_level=OnlineLevel.FULL)
    resolved = left_in & Q(state__in=RESOLVED)
    late = Q(finished_at__gt=F("due_at"))
    same_day = Q(finished_at__date=F("due_at__date"))
    counts = {
        "carried_over": Count("id", filter=entered_before & open_at_start),
        "received_counter": Count("id", filter=entered_in & Q(channel=Channel.DIRECT)),
        "received_online_full": Count("id", filter=entered_in & online & full),
        "received_online_partial": Count("id", filter=entered_in & online & ~full),
        "received_post": Count("id", filter=entered_in & Q(channel=Channel.POSTAL)),
        # Without a due date (a dossier whose procedure has no term), a result is on time.
        "resolved_early": Count(
            "id", filter=resolved & Q(due_at__isnull=False) & ~late & ~same_day
        ),
        "resolved_on_time": Count(
            "id", filter=resolved & (Q(due_at__isnull=True) | (~late & same_day))
        ),
        "resolved_late": Count("id", filter=resolved & Q(due_at__isnull=False) & late),
        "pending_within": Count(
            "id", filter=open_at_end & (Q(due_at__isnull=True) | Q(due_at__gte=end))
        ),
        "pending_late": Count("id", filter=open_at_end & Q(due_at__lt=end)),
    }
    for state, name in FINAL_OTHER.items():
        counts[name] = Count("id", filter=left_in & Q(state=state))
    return counts


# Grouped by ids (small integers sort in memory; names are looked up once afterwards).
GROUP = ("competent_agency_id", "procedure_version_id")


def statistics(scope: Scope) -> Statistics:
    """The statistics of the dossiers in `scope` over its period, per agency, field and
    procedure. Four queries: the dossiers' moments, the apology letters written, and the names
    of the agencies and procedure versions met."""
    rows = (
        _moments(dossiers_in_scope(scope))
        # Only dossiers that were open at some moment of the period, or entered in it.
        .filter(
            Q(entered_at__lt=scope.end) & (Q(left_at__isnull=True) | Q(left_at__gte=scope.start))
        )
        # The same, said on plain columns so the finished_at index can serve it: a dossier that
        # left before the period has a finished_at before it (or is refused with none, which
        # the first condition then sorts out).
        .filter(
            Q(finished_at__isnull=True)
            | Q(finished_at__gte=scope.start)
            | Q(state__in=ACTIVE_STATES)
        )
    )
    counted: dict[tuple[int, int], dict[str, int]] = {}
    for values in rows.order_by().values(*GROUP).annotate(**_counts(scope)):
        counted[(values["competent_agency_id"], values["procedure_version_id"])] = values
    letters = (
        StatusChange.objects.filter(
            action=Action.APOLOGISE,
            at__gte=scope.start,
            at__lt=scope.end,
            dossier__in=dossiers_in_scope(scope).values("pk"),
        )
        .order_by()
        .values("dossier__competent_agency_id", "dossier__procedure_version_id")
        .annotate(apologies=Count("id"))
    )
    for values in letters:
        key = (values["dossier__competent_agency_id"], values["dossier__procedure_version_id"])
        counted.setdefault(key, {})["apologies"] = values["apologies"]
    agencies = dict(
        Agency.objects.filter(pk__in={key[0] for key in counted}).values_list("pk", "name")
    )
    versions = {
        v.pk: v
        for v in ProcedureVersion.objects.filter(pk__in={key[1] for key in counted}).select_related(
            "field", "procedure"
        )
    }
    grid: dict[tuple, StatRow] = {}
    for (agency_id, version_id), values in counted.items():
        version = versions[version_id]
        key = (agencies[agency_id], version.field.name, version.procedure_id)
        if key not in grid:
            grid[key] = StatRow(
                agency=key[0],
                field=key[1],
                procedure_code=version.procedure.code,
                procedure=version.name,
            )
        for name in COLUMNS:
            grid[key].values[name] += values.get(name, 0)
    ordered = sorted(grid.values(), key=lambda r: (r.agency, r.field, r.procedure_code))
    return Statistics(scope=scope, rows=ordered)


def period_of(kind: str, year: int, number: int = 1) -> tuple[date, date]:
    """The first and last day of month `number`, quarter `number` or the year."""
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "quarter":
        first_month = 3 * (number - 1) + 1
        first = date(year, first_month, 1)
        last_month = first_month + 2
    else:
        first = date(year, number, 1)
        last_month = number
    following = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return first, following - timedelta(days=1)

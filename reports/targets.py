"""Targets against the figures: each measure is a ratio of two named queries (reports.queries),
so a target's figure is counted from the records exactly as the 766 index counts them, and the
trend is the same ratio over earlier periods."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from org.models import Agency, AgencyKind
from reports.index766 import Status, score
from reports.models import Target, TargetLevel, TargetMeasure
from reports.queries import Scope, query_named
from reports.selectors import scope_for
from reports.statistics import period_of

# measure: (numerator, denominator)
MEASURES = {
    TargetMeasure.ON_TIME: ("dossiers_resolved_on_time", "dossiers_resolved"),
    TargetMeasure.DIGITISED_RESULTS: ("dossiers_electronic_result", "dossiers_resolved"),
    TargetMeasure.ELECTRONIC_TRANSFER: ("dossiers_transferred", "dossiers_multi_level"),
    TargetMeasure.ONLINE_PAYMENT: ("dossiers_paid_online", "dossiers_with_fees"),
    TargetMeasure.FEES_ONLINE: ("procedures_fees_online", "procedures_with_fees"),
}
PROVINCIAL_KINDS = {
    AgencyKind.PROVINCIAL_COMMITTEE,
    AgencyKind.PROVINCIAL_CENTRE,
    AgencyKind.PROVINCIAL_DEPARTMENT,
}


def level_of(agency: Agency) -> str:
    return TargetLevel.PROVINCE if agency.kind in PROVINCIAL_KINDS else TargetLevel.COMMUNE


def rate(measure: str, scope: Scope) -> Decimal | None:
    """The measure's percentage over `scope`; None without data or without anything to count."""
    numerator, denominator = (query_named(name) for name in MEASURES[measure])
    if not (numerator.available and denominator.available):
        return None
    result = score(
        numerator=numerator.rows(scope).order_by().count(),
        denominator=denominator.rows(scope).order_by().count(),
        max_points=Decimal(100),
        threshold=None,
    )
    return result.rate if result.status == Status.SCORED else None


@dataclass
class TargetLine:
    measure: str
    label: str
    target: Target | None
    figure: Decimal | None
    available: bool
    trend: list[tuple[str, Decimal | None]]

    @property
    def met(self) -> bool | None:
        if self.target is None or self.figure is None:
            return None
        return self.figure >= self.target.value


def periods_for_trend(year: int, today: date) -> list[tuple[str, date, date]]:
    """The two years before, then each quarter of `year` that has begun."""
    periods = [(str(y), *period_of("year", y)) for y in (year - 2, year - 1)]
    for quarter in range(1, 5):
        first, last = period_of("quarter", year, quarter)
        if first <= today:
            periods.append((f"Q{quarter}/{year}", first, last))
    return periods


def target_lines(agency: Agency, *, year: int, today: date) -> list[TargetLine]:
    level = level_of(agency)
    targets = {t.measure: t for t in Target.objects.filter(year=year, level=level)}
    first, last = period_of("year", year)
    lines = []
    for measure, label in TargetMeasure.choices:
        numerator, denominator = (query_named(name) for name in MEASURES[measure])
        available = numerator.available and denominator.available
        figure = rate(measure, scope_for(agency, first_day=first, last_day=min(last, today)))
        trend = (
            [
                (name, rate(measure, scope_for(agency, first_day=start, last_day=end)))
                for name, start, end in periods_for_trend(year, today)
            ]
            if available
            else []
        )
        lines.append(
            TargetLine(
                measure=measure,
                label=str(label),
                target=targets.get(measure),
                figure=figure,
                available=available,
                trend=trend,
            )
        )
    return lines


def on_time_by_month(agency: Agency, *, first_day: date, last_day: date):
    """The on-time share per month of the period (each month cut to the period), at most the
    last 24 months: the statistics page's trend."""
    months = []
    year, month = first_day.year, first_day.month
    while date(year, month, 1) <= last_day:
        start, end = period_of("month", year, month)
        months.append((f"{month:02d}/{year % 100:02d}", max(start, first_day), min(end, last_day)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [
        (label, rate(TargetMeasure.ON_TIME, scope_for(agency, first_day=start, last_day=end)))
        for label, start, end in months[-24:]
    ]

"""Reads for the reports: the Decision 766 scorecard of a scope and the rows behind each of its
indicators. Nothing here writes."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from org.access import agency_and_below
from org.models import Agency
from reports.index766 import Score, Status, score
from reports.models import GROUP_MAXIMUM, IndicatorGroup, IndicatorRule
from reports.queries import NamedQuery, RowKind, Scope, query_named


@dataclass
class IndicatorLine:
    rule: IndicatorRule
    score: Score
    numerator: NamedQuery | None
    denominator: NamedQuery | None

    @property
    def missing_apps(self) -> list[str]:
        """The apps whose records the indicator waits for."""
        return sorted(
            {q.provided_by for q in (self.numerator, self.denominator) if q and not q.available}
        )

    @property
    def kind(self) -> str:
        return self.denominator.kind if self.denominator else RowKind.OTHER


@dataclass
class GroupLine:
    key: str
    label: str
    maximum: int
    lines: list[IndicatorLine] = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        return sum((line.score.points or Decimal(0) for line in self.lines), Decimal(0))

    @property
    def computable_maximum(self) -> Decimal:
        return sum(
            (line.score.max_points for line in self.lines if line.score.points is not None),
            Decimal(0),
        )

    @property
    def not_available(self) -> int:
        return sum(1 for line in self.lines if line.score.status == Status.NOT_AVAILABLE)


@dataclass
class Scorecard:
    agency: Agency
    scope: Scope
    groups: list[GroupLine]

    @property
    def total(self) -> Decimal:
        return sum((group.points for group in self.groups), Decimal(0))

    @property
    def computable_maximum(self) -> Decimal:
        return sum((group.computable_maximum for group in self.groups), Decimal(0))

    @property
    def not_available(self) -> int:
        return sum(group.not_available for group in self.groups)

    @property
    def lines(self) -> list[IndicatorLine]:
        return [line for group in self.groups for line in group.lines]


def rules_in_force(year: int) -> list[IndicatorRule]:
    return [rule for rule in IndicatorRule.objects.all() if rule.in_force(year)]


def scope_for(agency: Agency, *, first_day: date, last_day: date) -> Scope:
    ids = agency_and_below([agency])
    return Scope(
        agency_ids=ids,
        first_day=first_day,
        last_day=last_day,
        # The root of the tree (the province): no agency condition at all.
        everything=agency.parent_id is None and len(ids) == Agency.objects.count(),
    )


def _count(query: NamedQuery | None, scope: Scope) -> int | None:
    if query is None or not query.available:
        return None
    return query.rows(scope).order_by().count()


def indicator_line(rule: IndicatorRule, scope: Scope) -> IndicatorLine:
    numerator, denominator = query_named(rule.numerator), query_named(rule.denominator)
    counts = {"numerator": None, "denominator": None}
    # Both sides or neither: a rate with one side missing would be a made-up number.
    if numerator and denominator and numerator.available and denominator.available:
        counts = {"numerator": _count(numerator, scope), "denominator": _count(denominator, scope)}
    return IndicatorLine(
        rule=rule,
        score=score(**counts, max_points=rule.max_points, threshold=rule.threshold),
        numerator=numerator,
        denominator=denominator,
    )


def scorecard(agency: Agency, *, first_day: date, last_day: date) -> Scorecard:
    """The index of `agency` and every agency below it over the period (local days, both
    included), with the rules in force in the period's last year. Two count queries per
    computable indicator, none for the others."""
    scope = scope_for(agency, first_day=first_day, last_day=last_day)
    groups = {
        key: GroupLine(key=key, label=str(IndicatorGroup(key).label), maximum=maximum)
        for key, maximum in GROUP_MAXIMUM.items()
    }
    for rule in rules_in_force(last_day.year):
        groups[rule.group].lines.append(indicator_line(rule, scope))
    return Scorecard(agency=agency, scope=scope, groups=list(groups.values()))


SIDES = ("missing", "numerator", "denominator")


def rule_for(key: str, *, year: int) -> IndicatorRule:
    for rule in IndicatorRule.objects.filter(key=key):
        if rule.in_force(year):
            return rule
    raise Http404


def indicator_rows(rule: IndicatorRule, scope: Scope, *, side: str) -> QuerySet | None:
    """The rows behind one side of an indicator: its numerator, its denominator, or "missing",
    those of the denominator not in the numerator (the late dossiers, the procedures without
    online payment): what an officer fixes. None when the queries are not available."""
    numerator, denominator = query_named(rule.numerator), query_named(rule.denominator)
    if not (numerator and denominator and numerator.available and denominator.available):
        return None
    if side == "numerator":
        return numerator.rows(scope)
    rows = denominator.rows(scope)
    if side == "missing":
        rows = rows.exclude(pk__in=numerator.rows(scope).values("pk"))
    return rows

"""Every indicator of the shipped rules against the hand-built quarter of `conftest.quarter`,
whose docstring counts each number by hand."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from reports.index766 import Status
from reports.models import IndicatorRule
from reports.selectors import indicator_rows, rule_for, scope_for, scorecard

pytestmark = pytest.mark.django_db
Q1 = {"first_day": date(2026, 1, 1), "last_day": date(2026, 3, 31)}
D = Decimal

# number: (numerator, denominator, rate, points)
EXPECTED = {
    "1.1": (1, 2, D("50.00"), D("3.00")),
    "1.2": (0, 12, D("0.00"), D("0.00")),
    "1.4": (0, 12, D("0.00"), D("0.00")),
    "1.3": (1, 2, D("50.00"), D("1.00")),
    "2.1": (8, 10, D("80.00"), D("16.00")),
    "3.1": (3, 10, D("30.00"), D("1.80")),
    "3.2": (6, 12, D("50.00"), D("2.50")),
    "3.4": (0, 12, D("0.00"), D("0.00")),
    "4.1": (6, 10, D("60.00"), D("7.20")),
    "5.3": (7, 12, D("58.33"), D("3.89")),
}
# Nothing to count, full points: no certification dossier, no feedback item due, no fee.
EMPTY = {"3.3", "5.1", "6.1", "6.2", "6.3"}
NOT_AVAILABLE = {
    "3.5",
    "3.6",
    "3.7",
    "5.2",
}


def test_every_indicator_of_commune_a_has_the_rate_and_points_counted_by_hand(quarter):
    card = scorecard(quarter.committee_a, **Q1)
    got = {
        line.rule.number: (
            line.score.numerator,
            line.score.denominator,
            line.score.rate,
            line.score.points,
        )
        for line in card.lines
        if line.score.status == Status.SCORED
    }
    assert got == EXPECTED
    missing = {line.rule.number for line in card.lines if line.score.status == Status.NOT_AVAILABLE}
    assert missing == NOT_AVAILABLE
    assert {line.rule.number for line in card.lines if line.score.status == Status.EMPTY} == EMPTY
    # Online payment (6.1-6.3) is counted from the payments records: nothing to count this
    # quarter (no dossier with a fee), so its 10 points are given, as for every empty indicator.
    assert card.total == D("53.39")
    assert card.computable_maximum == D("86")
    assert card.not_available == 4


def test_groups_add_up_to_the_six_maxima_of_the_decision(quarter):
    card = scorecard(quarter.committee_a, **Q1)
    assert [
        (g.key, g.maximum, sum(line.rule.max_points for line in g.lines)) for g in card.groups
    ] == [
        ("transparency", 18, 18),
        ("dvc-progress-tree", 20, 20),
        ("dossier-digitized", 22, 22),
        ("provide-online-tree", 12, 12),
        ("handling-satisfaction", 18, 18),
        ("formality-online-payment-tree", 10, 10),
    ]
    progress = card.groups[1]
    assert progress.points == D("16.00")
    assert progress.lines[0].score.lost == D("4.00")


def test_the_unconfirmed_indicators_are_the_four_the_sources_disagree_on(quarter):
    assert set(IndicatorRule.objects.filter(unconfirmed=True).values_list("number", flat=True)) == {
        "3.2",
        "3.6",
        "5.2",
        "5.3",
    }


def test_the_period_is_counted_in_vietnam_time(quarter):
    """R10 was received at 00:10 on 1 January in Vietnam (17:10 on 31 December UTC): it is in
    the first quarter; R12 at 23:30 on 31 March (16:30 UTC) too; R11, resolved at 00:05 on
    1 April, is not resolved in it."""
    card = scorecard(quarter.committee_a, first_day=date(2026, 1, 1), last_day=date(2026, 1, 1))
    received = {line.rule.number: line.score.denominator for line in card.lines}["3.2"]
    assert received == 1  # R10 only
    card = scorecard(quarter.committee_a, first_day=date(2026, 4, 1), last_day=date(2026, 4, 1))
    progress = next(line for line in card.lines if line.rule.number == "2.1")
    assert (progress.score.numerator, progress.score.denominator) == (0, 1)  # R11, late too


def test_a_commune_without_dossiers_scores_full_points_where_there_is_nothing_to_count(quarter):
    card = scorecard(quarter.committee_a, first_day=date(2024, 1, 1), last_day=date(2024, 3, 31))
    progress = next(line for line in card.lines if line.rule.number == "2.1")
    assert progress.score.status == Status.EMPTY
    assert progress.score.points == D("20")


def test_commune_b_counts_only_its_own_dossiers(quarter):
    card = scorecard(quarter.committee_b, **Q1)
    progress = next(line for line in card.lines if line.rule.number == "2.1")
    assert (progress.score.numerator, progress.score.denominator) == (0, 3)


def test_the_province_counts_every_commune_below_it(quarter):
    from org.tests.factories import AgencyFactory

    province = AgencyFactory(name="Ủy ban nhân dân tỉnh", kind="provincial_committee")
    for committee in (quarter.committee_a, quarter.committee_b):
        committee.parent = province
        committee.save(update_fields=["parent"])
    card = scorecard(province, **Q1)
    progress = next(line for line in card.lines if line.rule.number == "2.1")
    assert (progress.score.numerator, progress.score.denominator) == (8, 13)


def test_the_drill_down_lists_exactly_the_late_dossiers(quarter):
    rule = rule_for("progress-on-time", year=2026)
    scope = scope_for(quarter.committee_a, **Q1)
    late = indicator_rows(rule, scope, side="missing")
    assert sorted(late.values_list("code", flat=True)) == sorted(d.code for d in quarter.late)
    assert indicator_rows(rule, scope, side="numerator").count() == 8
    assert indicator_rows(rule, scope, side="denominator").count() == 10


def test_the_drill_down_of_a_procedure_indicator_lists_procedures(quarter):
    rule = rule_for("procedures-published-on-time", year=2026)
    scope = scope_for(quarter.committee_a, **Q1)
    assert list(
        indicator_rows(rule, scope, side="missing").values_list(
            "procedure__national_code", flat=True
        )
    ) == ["1.000894"]


def test_an_indicator_without_data_has_no_rows_to_show(quarter):
    rule = rule_for("population-database-dossiers", year=2026)
    assert indicator_rows(rule, scope_for(quarter.committee_a, **Q1), side="missing") is None


def test_a_rule_out_of_force_is_not_scored(quarter):
    IndicatorRule.objects.filter(number="4.1").update(last_year=2025)
    card = scorecard(quarter.committee_a, **Q1)
    assert "4.1" not in {line.rule.number for line in card.lines}
    assert card.total == D("46.19")


def test_a_threshold_changed_in_the_data_changes_the_points(quarter):
    IndicatorRule.objects.filter(number="3.1").update(threshold=D("30"))
    card = scorecard(quarter.committee_a, **Q1)
    assert next(line for line in card.lines if line.rule.number == "3.1").score.points == D("6")


def test_the_command_prints_one_line_per_group_and_the_total_last(quarter):
    out = StringIO()
    call_command(
        "index766",
        agency=quarter.committee_a.code,
        first="2026-01-01",
        last="2026-03-31",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert len(lines) == 7
    assert lines[1].startswith("dvc-progress-tree 16.00/20")
    assert lines[-1] == "total=53.39"


def test_the_command_refuses_a_bad_date_clearly(quarter):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "index766", agency=quarter.committee_a.code, first="31/03/2026", last="2026-03-31"
        )


def test_the_rules_form_offers_only_the_named_queries_the_code_registers(quarter):
    from reports.admin import IndicatorRuleForm

    rule = IndicatorRule.objects.get(number="2.1")
    data = {
        "group": rule.group,
        "number": "2.1",
        "key": rule.key,
        "name": rule.name,
        "numerator": "made_up_query",
        "denominator": "dossiers_resolved",
        "max_points": "20",
        "first_year": "2022",
    }
    form = IndicatorRuleForm(data, instance=rule)
    assert not form.is_valid()
    assert "numerator" in form.errors
    form = IndicatorRuleForm(data | {"numerator": "dossiers_resolved_on_time"}, instance=rule)
    assert form.is_valid(), form.errors

"""The scoring rule of Decision 766 as a pure function: thresholds, proportions, zero
denominators and missing data."""

from decimal import Decimal

import pytest

from reports.index766 import Status, points_for, score

D = Decimal


@pytest.mark.parametrize(
    ("rate", "threshold", "expected"),
    [
        (D("100"), None, D("20")),
        (D("80"), None, D("16.00")),
        (D("0"), None, D("0.00")),
        (D("80"), D("80"), D("20")),  # at the threshold: full points
        (D("95"), D("80"), D("20")),  # above it: never more than the maximum
        (D("40"), D("80"), D("10.00")),  # half the threshold: half the points
        (D("89.99"), D("90"), D("20.00")),  # 19.9977… rounds half up to 20.00
    ],
)
def test_points_grow_in_proportion_up_to_the_threshold(rate, threshold, expected):
    assert points_for(rate, max_points=D("20"), threshold=threshold) == expected


def test_a_rate_is_a_percentage_with_two_decimals():
    result = score(numerator=2, denominator=3, max_points=D("6"), threshold=None)
    assert result.status == Status.SCORED
    assert result.rate == D("66.67")
    assert result.points == D("4.00")
    assert result.lost == D("2.00")


def test_nothing_to_count_scores_full_points_and_says_so():
    result = score(numerator=0, denominator=0, max_points=D("20"), threshold=None)
    assert result.status == Status.EMPTY
    assert result.rate is None
    assert result.points == D("20")
    assert result.lost == 0


@pytest.mark.parametrize(("numerator", "denominator"), [(None, 10), (3, None), (None, None)])
def test_missing_data_gives_no_number_at_all(numerator, denominator):
    result = score(numerator=numerator, denominator=denominator, max_points=D("6"), threshold=None)
    assert result.status == Status.NOT_AVAILABLE
    assert result.rate is None and result.points is None and result.lost is None


def test_a_numerator_larger_than_its_denominator_is_capped_at_100_percent():
    result = score(numerator=12, denominator=10, max_points=D("6"), threshold=None)
    assert result.rate == D("100.00")
    assert result.points == D("6")

"""The Decision 766 scoring rules as pure functions: a rate and its points (DOMAIN.md §9)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Status:
    SCORED = "scored"
    EMPTY = "empty"  # nothing to count in the period: full points [ours]
    NOT_AVAILABLE = "not_available"  # the records live in an app not there yet: no number


@dataclass(frozen=True)
class Score:
    status: str
    numerator: int | None
    denominator: int | None
    rate: Decimal | None  # percentage, two decimals
    points: Decimal | None
    max_points: Decimal

    @property
    def lost(self) -> Decimal | None:
        return None if self.points is None else self.max_points - self.points


def points_for(rate: Decimal, *, max_points: Decimal, threshold: Decimal | None) -> Decimal:
    """Full points at or above the threshold; below it, in proportion to the threshold (without
    one, to 100 %). Never more than the maximum."""
    reach = threshold if threshold is not None else HUNDRED
    if rate >= reach:
        return max_points
    return (rate * max_points / reach).quantize(CENT, rounding=ROUND_HALF_UP)


def score(
    *,
    numerator: int | None,
    denominator: int | None,
    max_points: Decimal,
    threshold: Decimal | None,
) -> Score:
    """One indicator. `None` counts mean the named query is not available. A zero denominator
    (nothing happened that the indicator measures) scores full points, as an agency cannot be
    faulted for dossiers it never had; the scorecard says "không phát sinh" beside them."""
    if numerator is None or denominator is None:
        return Score(Status.NOT_AVAILABLE, numerator, denominator, None, None, max_points)
    if denominator == 0:
        return Score(Status.EMPTY, numerator, 0, None, max_points, max_points)
    rate = (Decimal(min(numerator, denominator)) * HUNDRED / denominator).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return Score(
        Status.SCORED,
        numerator,
        denominator,
        rate,
        points_for(rate, max_points=max_points, threshold=threshold),
        max_points,
    )

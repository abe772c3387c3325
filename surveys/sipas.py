"""The SIPAS index as pure functions (DOMAIN.md §8): a criterion's index is the share of its
answers that are "satisfied" or "very satisfied" (4 or 5 on the 5-point scale); a factor's
index is the mean of its criteria's; the overall index is the mean of the factors'. The same
formulas give the perception and the expectation indices from their own answers.

Empty parts are not zeros: a criterion nobody answered has no index and does not pull its
factor down; a factor without any answered criterion has no index, and the overall index is
the mean of the factors that have one, with the empty ones named (`Index.empty_factors`) so a
report never passes a four-factor mean off as a five-factor one silently."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SATISFIED_FROM = 4  # 4 = satisfied, 5 = very satisfied on the 5-point scale
SCALE = range(1, 6)


def criterion_index(values: Iterable[int | None]) -> float | None:
    """Percent of the given answers (1–5; None = not answered) that are 4 or 5."""
    given = [value for value in values if value is not None]
    if not given:
        return None
    if any(value not in SCALE for value in given):
        raise ValueError("SIPAS answers are on a 5-point scale (1–5).")
    return 100 * sum(value >= SATISFIED_FROM for value in given) / len(given)


def criterion_index_from_counts(*, answered: int, satisfied: int) -> float | None:
    """The same, from counts the database grouped (answers 1–5, and those 4 or 5)."""
    if answered == 0:
        return None
    if not 0 <= satisfied <= answered:
        raise ValueError("More satisfied answers than answers.")
    return 100 * satisfied / answered


def mean(indices: Iterable[float | None]) -> float | None:
    present = [index for index in indices if index is not None]
    return sum(present) / len(present) if present else None


@dataclass(frozen=True)
class Index:
    factors: dict  # factor number → index (None: nothing answered)
    overall: float | None
    empty_factors: tuple  # factor numbers without any answered criterion


def index_of(criteria: Mapping[int, Mapping[int, float | None]]) -> Index:
    """From {factor number: {criterion number: criterion index or None}} to the factor indices
    and the overall index."""
    factors = {number: mean(by_criterion.values()) for number, by_criterion in criteria.items()}
    empty = tuple(number for number, value in sorted(factors.items()) if value is None)
    return Index(factors=factors, overall=mean(factors.values()), empty_factors=empty)

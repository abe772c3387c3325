"""Reads for SIPAS: the answers of an agency (and the agencies below it) in a period, grouped
per criterion in one query, turned into the index by the pure formulas of surveys.sipas."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from org.access import agency_and_below
from surveys.models import Answer, Dimension, Factor, Questionnaire, Response
from surveys.sipas import SATISFIED_FROM, Index, criterion_index_from_counts, index_of

# Fewer responses than this and the index says little [ours: the ministry's sample sizes are
# larger; a commune quarter often has a few dozen forms].
FEW_RESPONSES = 30


@dataclass(frozen=True)
class SipasResult:
    questionnaire: Questionnaire
    factors: list  # Factor rows, in order
    responses: int
    by_dimension: dict  # dimension → Index

    @property
    def too_few(self) -> bool:
        return self.responses < FEW_RESPONSES


def sipas_index(
    *, agency, start: date, end: date, questionnaire: Questionnaire | None = None
) -> SipasResult:
    """The three indices for responses collected from `start` (inclusive) to `end` (exclusive)
    by `agency` or an agency below it, on one questionnaire version (the newest by default)."""
    questionnaire = questionnaire or Questionnaire.objects.order_by("-version").first()
    factors = list(Factor.objects.filter(questionnaire=questionnaire).prefetch_related("criteria"))
    agencies = agency_and_below({agency.pk})
    responses = Response.objects.filter(
        questionnaire=questionnaire,
        agency_id__in=agencies,
        collected_on__gte=start,
        collected_on__lt=end,
    )
    counts = {
        (row["criterion"], row["dimension"]): (row["answered"], row["satisfied"])
        for row in Answer.objects.filter(response__in=responses)
        .values("criterion", "dimension")
        .annotate(answered=Count("pk"), satisfied=Count("pk", filter=Q(value__gte=SATISFIED_FROM)))
    }
    by_dimension: dict[str, Index] = {}
    for dimension in Dimension.values:
        table = {
            factor.number: {
                criterion.number: criterion_index_from_counts(
                    answered=counts.get((criterion.pk, dimension), (0, 0))[0],
                    satisfied=counts.get((criterion.pk, dimension), (0, 0))[1],
                )
                for criterion in factor.criteria.all()
            }
            for factor in factors
        }
        by_dimension[dimension] = index_of(table)
    return SipasResult(questionnaire, factors, responses.count(), by_dimension)

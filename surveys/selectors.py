"""Reads for ratings: the page behind a token, the officer's panel, and the leaders' figures,
which count answers per agency and per officer and never name a dossier or a citizen."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q
from django.http import Http404

from core.workdays import VIETNAM
from org.access import scope_to_user
from surveys.models import Rating, Score

# Fewer answers than this and a share says little: the page says so beside it.
FEW_ANSWERS = 10


def rating_for_token(token: str) -> Rating:
    if not token or len(token) > 32:
        raise Http404
    try:
        return Rating.objects.select_related("agency").get(token=token)
    except Rating.DoesNotExist as missing:
        raise Http404 from missing


def rating_of_dossier(dossier) -> Rating | None:
    return Rating.objects.filter(dossier=dossier).first()


@dataclass
class Tally:
    label: str
    invited: int = 0
    very: int = 0
    satisfied: int = 0
    not_satisfied: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return self.very + self.satisfied + self.not_satisfied

    @property
    def percent_satisfied(self) -> float | None:
        return (
            round(100 * (self.very + self.satisfied) / self.answered, 1) if self.answered else None
        )

    @property
    def few(self) -> bool:
        return self.answered < FEW_ANSWERS


def _counts():
    return {
        "invited": Count("pk"),
        "very": Count("pk", filter=Q(score=Score.VERY_SATISFIED)),
        "satisfied": Count("pk", filter=Q(score=Score.SATISFIED)),
        "not_satisfied": Count("pk", filter=Q(score=Score.NOT_SATISFIED)),
    }


def figures(user, *, start: date, end: date) -> tuple[list[Tally], list[Tally]]:
    """(per agency, per officer) for invitations made between `start` and `end` (Vietnam
    dates) in the agencies `user` sees. Two grouped queries and one for the reasons."""
    begin = datetime.combine(start, datetime.min.time(), tzinfo=VIETNAM)
    finish = datetime.combine(end, datetime.min.time(), tzinfo=VIETNAM)
    rows = scope_to_user(Rating.objects.all(), user).filter(
        created_at__gte=begin, created_at__lt=finish
    )
    agencies = {
        row["agency"]: Tally(row["agency__name"], **{k: row[k] for k in _counts()})
        for row in rows.values("agency", "agency__name")
        .annotate(**_counts())
        .order_by("agency__name")
    }
    officers = [
        Tally(
            row["officer__full_name"] or row["officer__username"] or "—",
            **{k: row[k] for k in _counts()},
        )
        for row in rows.values("officer", "officer__full_name", "officer__username")
        .annotate(**_counts())
        .order_by("officer__full_name")
    ]
    # Reasons go with the agency only, newest first: never with a dossier, a date or an officer
    # that would let anyone find out who wrote them.
    for agency_id, reason in (
        rows.exclude(reason="").order_by("-answered_at").values_list("agency", "reason")[:200]
    ):
        agencies[agency_id].reasons.append(reason)
    return list(agencies.values()), officers

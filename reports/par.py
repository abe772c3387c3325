"""PAR INDEX self-assessment: the table of an agency's year (reads) and recording a score with
its evidence (the one write, atomic and audited)."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from org.models import Agency
from reports.models_par import ParAssessment, ParCriterion, ParField


@dataclass
class FieldLine:
    field: ParField
    rows: list[tuple[ParCriterion, ParAssessment | None]] = dataclass_field(default_factory=list)

    @property
    def self_score(self) -> Decimal:
        return sum((a.score for _c, a in self.rows if a is not None), Decimal(0))

    @property
    def criteria_maximum(self) -> Decimal:
        return sum((c.max_points for c, _a in self.rows), Decimal(0))


@dataclass
class ParTable:
    year: int
    fields: list[FieldLine] = dataclass_field(default_factory=list)

    @property
    def maximum(self) -> Decimal:
        return sum((line.field.max_points for line in self.fields), Decimal(0))

    @property
    def self_score(self) -> Decimal:
        return sum((line.self_score for line in self.fields), Decimal(0))


def par_table(agency: Agency, *, year: int) -> ParTable:
    """Every field and criterion of `year` with `agency`'s assessment. Three queries."""
    fields = list(ParField.objects.filter(year=year))
    criteria = list(ParCriterion.objects.filter(field__year=year).order_by("field", "code"))
    assessments = {
        a.criterion_id: a
        for a in ParAssessment.objects.filter(
            agency=agency, criterion__field__year=year
        ).select_related("assessed_by")
    }
    lines = {f.pk: FieldLine(field=f, rows=[]) for f in fields}
    for criterion in criteria:
        lines[criterion.field_id].rows.append((criterion, assessments.get(criterion.pk)))
    return ParTable(year=year, fields=list(lines.values()))


def clean_links(text: str) -> list[str]:
    """Links inside MotCua: one path per line, starting with a single slash."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    for link in links:
        if not link.startswith("/") or link.startswith("//") or any(c in link for c in "<>\"' "):
            raise ValidationError(
                _(
                    "“%(link)s” is not an address inside MotCua: write it as it appears after the "
                    "site name, starting with /, e.g. /can-bo/bao-cao/chi-so-766/."
                )
                % {"link": link[:80]}
            )
    return links


@transaction.atomic
def par_assess(
    *,
    actor,
    agency: Agency,
    criterion: ParCriterion,
    score: Decimal,
    evidence: str,
    links: list[str],
) -> ParAssessment:
    if score < 0 or score > criterion.max_points:
        raise ValidationError(
            _("The score must be between 0 and %(max)s.") % {"max": criterion.max_points}
        )
    existing = (
        ParAssessment.objects.select_for_update().filter(criterion=criterion, agency=agency).first()
    )
    old = None if existing is None else {"score": str(existing.score)}
    assessment = existing or ParAssessment(criterion=criterion, agency=agency)
    assessment.score = score
    assessment.evidence = evidence
    assessment.links = links
    assessment.assessed_by = actor
    assessment.assessed_at = timezone.now()
    assessment.save()
    audit_record(
        action="par_assess",
        actor=actor,
        agency_code=agency.code,
        obj=assessment,
        old=old,
        new={"criterion": criterion.code, "year": criterion.field.year, "score": str(score)},
    )
    return assessment

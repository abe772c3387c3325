"""PAR INDEX self-assessment (fields and criteria configurable per year, each agency's scores
with evidence) and PAPI (the province's published scores per dimension, entered by an admin)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from org.models import Agency

# The dimensions live in reform, below reports: plan tasks name the dimension they serve.
from reform.indices import PapiDimension


class ParField(models.Model):
    """A field (lĩnh vực) of the PAR INDEX for one year, e.g. "Cải cách thủ tục hành chính"."""

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. 3"))
    name = models.CharField(_("name"), max_length=255)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("PAR INDEX field")
        verbose_name_plural = _("PAR INDEX fields")
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="one_par_field_code_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code}. {self.name}"


class ParCriterion(models.Model):
    """A criterion of a field, with the points it is worth."""

    field = models.ForeignKey(
        ParField, verbose_name=_("field"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. 3.2"))
    name = models.CharField(_("name"), max_length=500)
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        ordering = ["field", "code"]
        verbose_name = _("PAR INDEX criterion")
        verbose_name_plural = _("PAR INDEX criteria")
        constraints = [
            models.UniqueConstraint(fields=["field", "code"], name="one_par_criterion_code"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="par_criterion_has_points"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ParAssessment(models.Model):
    """An agency's self-assessed score on one criterion, with its evidence and who assessed."""

    criterion = models.ForeignKey(
        ParCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("self-assessed score"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.JSONField(
        _("links inside MotCua"),
        default=list,
        blank=True,
        help_text=_("Addresses of plans, disclosures and reports in MotCua, one per line."),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed at"))

    class Meta:
        verbose_name = _("PAR INDEX self-assessment")
        verbose_name_plural = _("PAR INDEX self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "agency"], name="one_assessment_per_criterion_and_agency"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="par_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.criterion_id}: {self.score}"


class PapiScore(models.Model):
    """The province's published PAPI score on one dimension (1–10) for one year, stored with the
    province's name as published (units merged in 2025)."""

    province = models.CharField(_("province (as published)"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    dimension = models.PositiveSmallIntegerField(_("dimension"), choices=PapiDimension.choices)
    score = models.DecimalField(
        _("score"),
        max_digits=6,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("10"))],
    )
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["province", "-year", "dimension"]
        verbose_name = _("PAPI score")
        verbose_name_plural = _("PAPI scores")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "dimension"], name="one_papi_score_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=10), name="papi_score_from_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year} {self.dimension}: {self.score}"

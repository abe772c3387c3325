"""The reports app's own data: the rules of the Decision 766 index (as data, so a new year's
workbook is a row edit, not a release)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IndicatorGroup(models.TextChoices):
    """The six groups, keyed by the national portal's ids (their order varies between sources)."""

    TRANSPARENCY = "transparency", _("Transparency")
    PROGRESS = "dvc-progress-tree", _("Progress of resolution")
    ONLINE = "provide-online-tree", _("Online public services")
    PAYMENT = "formality-online-payment-tree", _("Online payment")
    SATISFACTION = "handling-satisfaction", _("Satisfaction")
    DIGITISATION = "dossier-digitized", _("Digitisation of dossiers")


# The order the scorecard shows them in, with the points each group is worth.
GROUP_MAXIMUM = {
    IndicatorGroup.TRANSPARENCY: 18,
    IndicatorGroup.PROGRESS: 20,
    IndicatorGroup.DIGITISATION: 22,
    IndicatorGroup.ONLINE: 12,
    IndicatorGroup.SATISFACTION: 18,
    IndicatorGroup.PAYMENT: 10,
}


class IndicatorRule(models.Model):
    """One indicator of the index: numerator ÷ denominator, both named queries (reports.queries),
    scored up to `max_points`, reaching them at `threshold` % when one is set."""

    group = models.CharField(_("group"), max_length=40, choices=IndicatorGroup.choices)
    number = models.CharField(
        _("number"), max_length=10, help_text=_("The indicator's number on the portal, e.g. 2.1.")
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_("Stable technical name, used in links and exports, e.g. progress-on-time."),
    )
    name = models.CharField(_("name"), max_length=255)
    numerator = models.CharField(_("numerator (named query)"), max_length=80)
    denominator = models.CharField(_("denominator (named query)"), max_length=80)
    threshold = models.DecimalField(
        _("threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("Full points from this rate; below it, points in proportion. Blank: none."),
    )
    max_points = models.DecimalField(
        _("maximum points"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    first_year = models.PositiveSmallIntegerField(_("in force from (year)"))
    last_year = models.PositiveSmallIntegerField(_("in force until (year)"), null=True, blank=True)
    unconfirmed = models.BooleanField(
        _("unconfirmed"),
        default=False,
        help_text=_("The formula is not confirmed by an official source; the scorecard says so."),
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source document"), max_length=255, blank=True)

    class Meta:
        ordering = ["number", "first_year"]
        verbose_name = _("Decision 766 indicator")
        verbose_name_plural = _("Decision 766 indicators")
        constraints = [
            models.UniqueConstraint(fields=["key", "first_year"], name="one_rule_per_key_and_year"),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="rule_years_in_order",
            ),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="rule_has_points"),
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | (Q(threshold__gt=0) & Q(threshold__lte=100)),
                name="rule_threshold_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def clean(self):
        from reports.queries import query_named

        errors = {}
        for name in ("numerator", "denominator"):
            if query_named(getattr(self, name)) is None:
                errors[name] = _("There is no named query with this name.")
        if errors:
            raise ValidationError(errors)

    def in_force(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class TargetMeasure(models.TextChoices):
    """The figures the seeds set targets for; how each is counted is in reports.targets."""

    ON_TIME = "on_time", _("Dossiers resolved early or on time")
    DIGITISED_RESULTS = "digitised_results", _("Results issued electronically")
    ELECTRONIC_TRANSFER = "electronic_transfer", _("Dossiers moved between agencies electronically")
    ONLINE_PAYMENT = "online_payment", _("Dossiers with fees paid online")
    FEES_ONLINE = "fees_online", _("Procedures with fees payable online")


class TargetLevel(models.TextChoices):
    COMMUNE = "commune", _("commune")
    PROVINCE = "province", _("province")


class Target(models.Model):
    """A target for one year and level, as a percentage, with the document that sets it."""

    measure = models.CharField(_("measure"), max_length=32, choices=TargetMeasure.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=TargetLevel.choices)
    value = models.DecimalField(
        _("target (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    source = models.CharField(
        _("source document"),
        max_length=255,
        help_text=_("Number, date and issuer of the document setting the target."),
    )

    class Meta:
        ordering = ["measure", "level", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "level"], name="one_target_per_measure_year_level"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=100), name="target_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_measure_display()} {self.year} ({self.get_level_display()}): {self.value} %"
        )


class PageViews(models.Model):
    """Public page views counted per day (Vietnam time) and page group: a number, nothing else.
    No address, no cookie, no visitor identifier is read or kept (reports.access)."""

    day = models.DateField(_("day"))
    group = models.CharField(_("page group"), max_length=32)
    views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        ordering = ["-day", "group"]
        verbose_name = _("page views of a day")
        verbose_name_plural = _("page views per day")
        constraints = [
            models.UniqueConstraint(fields=["day", "group"], name="one_count_per_day_and_group")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.group}: {self.views}"


class RecentViews(models.Model):
    """Page views per minute for the last hour, for "đang truy cập" (views in the last five
    minutes); older rows are deleted when counts are written."""

    minute = models.DateTimeField(_("minute"), unique=True)
    views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("page views of a minute")
        verbose_name_plural = _("page views per minute")

    def __str__(self) -> str:
        return f"{self.minute}: {self.views}"


# PAR INDEX and PAPI live in their own module.
from reports.models_par import (  # noqa: E402, F401
    PapiDimension,
    PapiScore,
    ParAssessment,
    ParCriterion,
    ParField,
)

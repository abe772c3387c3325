"""SIPAS questionnaires (versioned, as procedures are) and the answers they collect."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from org.models import Agency


class Dimension(models.TextChoices):
    PERCEPTION = "perception", _("perception")
    SATISFACTION = "satisfaction", _("satisfaction")
    EXPECTATION = "expectation", _("expectation")


class ResponseChannel(models.TextChoices):
    ONLINE = "online", _("online")
    KIOSK = "kiosk", _("screen at the counter")
    PAPER = "paper", _("paper form")


class Questionnaire(models.Model):
    """One version of the SIPAS questionnaire; answers pin the version they were given on."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    effective_from = models.DateField(_("effective from"))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("SIPAS questionnaire")
        verbose_name_plural = _("SIPAS questionnaires")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Factor(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="factors"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["questionnaire", "number"]
        verbose_name = _("SIPAS factor")
        verbose_name_plural = _("SIPAS factors")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="sipas_factor_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Criterion(models.Model):
    factor = models.ForeignKey(Factor, on_delete=models.PROTECT, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("text"), max_length=500)
    unconfirmed = models.BooleanField(
        _("wording unconfirmed"),
        default=False,
        help_text=_("Reconstructed, not yet checked against the official questionnaire."),
    )

    class Meta:
        ordering = ["factor", "number"]
        verbose_name = _("SIPAS criterion")
        verbose_name_plural = _("SIPAS criteria")
        constraints = [
            models.UniqueConstraint(fields=["factor", "number"], name="sipas_criterion_number")
        ]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One filled questionnaire: online, at the counter, or a paper form typed in."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    collected_on = models.DateField(_("collected on"))
    channel = models.CharField(_("channel"), max_length=8, choices=ResponseChannel.choices)
    hamlet = models.CharField(_("hamlet"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("SIPAS response")
        verbose_name_plural = _("SIPAS responses")
        indexes = [models.Index(fields=["agency", "collected_on"], name="sipas_response_period")]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}/{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "criterion", "dimension"], name="sipas_one_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="sipas_five_points"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id} {self.dimension}={self.value}"

"""Satisfaction ratings after a returned dossier: one invitation per dossier, answered once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier
from org.models import Agency


class Score(models.IntegerChoices):
    VERY_SATISFIED = 3, _("very satisfied")
    SATISFIED = 2, _("satisfied")
    NOT_SATISFIED = 1, _("not satisfied")


class AnswerChannel(models.TextChoices):
    KIOSK = "kiosk", _("screen at the counter")
    LINK = "link", _("link or QR code")


class Rating(models.Model):
    """The citizen's rating of the service and of the officer who returned the result.

    Created when the result is returned, with a one-time token: the kiosk page, the QR code and
    the SMS link all carry it, and the first answer closes it, so a rating cannot be stuffed."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(_("token"), max_length=32, unique=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the result was returned."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The officer who returned the result."),
    )
    created_at = models.DateTimeField(_("invited at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("rating"), choices=Score.choices, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    channel = models.CharField(
        _("answered on"), max_length=8, choices=AnswerChannel.choices, blank=True
    )

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        indexes = [
            models.Index(
                fields=["agency", "answered_at"],
                condition=Q(answered_at__isnull=False),
                name="rating_answered",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, score__isnull=True)
                | Q(answered_at__isnull=False, score__isnull=False),
                name="rating_answered_has_score",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"


from surveys.models_sipas import (  # noqa: E402 - one models module for Django
    Answer,
    Criterion,
    Dimension,
    Factor,
    Questionnaire,
    Response,
    ResponseChannel,
)

__all__ = [
    "Answer",
    "AnswerChannel",
    "Criterion",
    "Dimension",
    "Factor",
    "Questionnaire",
    "Rating",
    "Response",
    "ResponseChannel",
    "Score",
]

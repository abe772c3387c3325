"""Official changes to the working-day calendar that the `holidays` package does not know."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One date whose working status differs from `holidays.VN` and the Monday–Friday week.

    The government announces swap days every year (a Friday off, a Saturday worked); the
    `holidays` package lags behind and never marks make-up Saturdays as working.
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(
        _("is a working day"),
        help_text=_("Ticked: the office works this day (a make-up Saturday). Unticked: day off."),
    )
    reason = models.CharField(_("reason"), max_length=255)
    source_document = models.CharField(
        _("source document"),
        max_length=255,
        help_text=_("The announcement that decides it, e.g. Thông báo 6150/TB-BNV."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"

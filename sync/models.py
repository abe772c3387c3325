"""Where each dossier stands with the national portal: which of its events were sent, which one
is on its way, and what went wrong last (docs/decisions/0018-national-portal-sync.md)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier


class DossierSync(models.Model):
    """One row per dossier the portal tracks. The events themselves are the `core.DomainEvent`
    rows written with each change (the outbox); this row is the dossier's cursor in them.

    `latest_event_id` is raised by the subscriber when a tracked event is delivered,
    `sent_event_id` by the worker when the portal took an event: the dossier is waiting while
    the first is ahead of the second. The two columns are written by different parties with
    UPDATE … SET col = …, so neither can undo the other's write."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="+"
    )
    latest_event_id = models.BigIntegerField(_("newest tracked event"), default=0)
    sent_event_id = models.BigIntegerField(_("last event the portal took"), default=0)
    # The event a worker is sending now, and since when; a worker that dies leaves them set,
    # and the next one asks the portal whether it arrived before sending it again.
    in_flight_event_id = models.BigIntegerField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The last attempt ended without an answer (timeout, dropped connection, dead worker):
    # the portal may have applied it, so the next attempt asks first.
    in_doubt = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(_("failed attempts in a row"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    synced_code = models.PositiveSmallIntegerField(
        _("national status the portal holds"), null=True, blank=True
    )
    synced_at = models.DateTimeField(_("last synced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("national portal sync")
        verbose_name_plural = _("national portal syncs")
        indexes = [
            # The worker's queue: only the dossiers with something to send.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(latest_event_id__gt=F("sent_event_id")),
                name="sync_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sent_event_id__lte=F("latest_event_id")),
                name="sync_sent_not_ahead",
            ),
        ]

    def __str__(self) -> str:
        return f"sync of dossier {self.dossier_id}"

    @property
    def waiting(self) -> bool:
        return self.latest_event_id > self.sent_event_id

"""Messages sent to citizens by SMS or e-mail, kept so an officer can see what was sent, when,
by which provider, and what failed."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")
    EMAIL = "email", _("e-mail")


class Status(models.TextChoices):
    QUEUED = "queued", _("queued")
    # Claimed by one sender, who is talking to the provider now (outside any transaction).
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # What the message is about, named as core names things (no dependency on the app): the
    # agency that sends it, the object ("dossiers.dossier", "42") and the domain event.
    agency_code = models.CharField(_("agency code"), max_length=64, blank=True)
    object_type = models.CharField(_("about (type)"), max_length=100, blank=True)
    object_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    event = models.ForeignKey(
        "core.DomainEvent",
        verbose_name=_("domain event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Delivery bookkeeping: when the next attempt is due, when a sender claimed it, and the
    # provider that took it ("sms.http") with the id it gave.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    provider = models.CharField(_("provider"), max_length=64, blank=True)
    provider_reference = models.CharField(_("provider's reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The work queue: only the rows waiting for an attempt.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="queued"),
                name="message_due",
            ),
            models.Index(fields=["object_type", "object_id"], name="message_about"),
            models.Index(
                fields=["agency_code", "-id"], condition=Q(status="failed"), name="message_failed"
            ),
        ]
        constraints = [
            # A subscriber may run twice for one event (core.events): the applicant still gets
            # one message per channel.
            models.UniqueConstraint(
                fields=["event", "channel"],
                condition=Q(event__isnull=False),
                name="message_once_per_event_and_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk}"

    @property
    def masked_recipient(self) -> str:
        from notifications.email import mask_email
        from notifications.sms import mask_phone

        if self.channel == Channel.SMS:
            return mask_phone(self.recipient)
        return mask_email(self.recipient)

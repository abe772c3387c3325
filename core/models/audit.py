"""The append-only audit log (R16): who did what to which object, chained by SHA-256.

One chain per agency (the audited row's agency code), plus one for actions that belong to no
agency (logins, settings): writers of different communes never wait on each other. See
docs/decisions/0009-audit-chains-and-checkpoints.md."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One audited action. Rows are only ever inserted: the model refuses updates and deletes and
    the database has triggers that do the same, so a changed row can only come from outside the
    application, which `manage.py verify_audit` then detects through the hash chain."""

    at = models.DateTimeField(_("time (UTC)"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Kept as text so the row still reads correctly after the user or agency is renamed.
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    agency_code = models.CharField(_("agency code"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    old_values = models.JSONField(_("old values"), default=dict, blank=True)
    new_values = models.JSONField(_("new values"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    # The chain the row belongs to: the agency code it was recorded for, "" for no agency. Rows
    # from before the chains were split all belong to "" (see the decision).
    chain = models.CharField(_("chain"), max_length=64, blank=True, default="")
    # Position in its chain, from 1; unique per chain, so two writers can never fork a chain.
    seq = models.PositiveBigIntegerField(_("position in the chain"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="core_auditevent_chain_seq")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """The newest link of one chain. Appending locks it, so two writers never chain onto the same
    predecessor (PostgreSQL row lock; SQLite serialises writers anyway). Database triggers let a
    head only move forward: a higher `seq` whose `previous_hash` is the old `last_hash`; it can
    never be reset or (on PostgreSQL) deleted."""

    chain = models.CharField(_("chain"), max_length=64, blank=True, default="", unique=True)
    seq = models.PositiveBigIntegerField(_("events in the chain"), default=0)
    last_hash = models.CharField(_("newest hash"), max_length=64)
    previous_hash = models.CharField(_("hash before the newest"), max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return f"{self.chain or '-'} #{self.seq} {self.last_hash[:12]}"


class AuditCheckpoint(models.Model):
    """A chain's position copied out at a point in time by `manage.py audit_checkpoint` (one row
    per chain per run), also appended to a log file and e-mailed to the inspectors. Rows are only
    inserted; `verify_audit` fails when a checkpointed link no longer matches the chain."""

    taken_at = models.DateTimeField(_("taken at (UTC)"), db_index=True)
    chain = models.CharField(_("chain"), max_length=64, blank=True)
    seq = models.PositiveBigIntegerField(_("events in the chain"))
    hash = models.CharField(_("newest hash"), max_length=64)

    class Meta:
        ordering = ["taken_at", "chain"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        constraints = [
            models.UniqueConstraint(
                fields=["taken_at", "chain"], name="core_auditcheckpoint_once_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.chain or '-'} #{self.seq}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit checkpoints are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit checkpoints are append-only.")

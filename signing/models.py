"""The result of checking the signatures of a PDF a citizen or another agency sent. A check is
about the file's content, so it is kept by the file's SHA-256: the same signed copy attached to
two dossiers is checked once, and a page shows a file's newest check with one query."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckOutcome(models.TextChoices):
    VALID = "valid", _("valid signature")
    UNTRUSTED = "untrusted", _("signature from a certificate we do not trust")
    EXPIRED = "expired", _("certificate expired or not yet valid when signed")
    REVOKED = "revoked", _("certificate revoked")
    MODIFIED = "modified", _("changed after it was signed")
    BROKEN = "broken", _("signature does not match the file: altered")
    NONE = "none", _("no digital signature")
    UNREADABLE = "unreadable", _("not a readable PDF")


class SignatureCheck(models.Model):
    """One check, appended; the newest for a SHA-256 is what pages show."""

    sha256 = models.CharField(max_length=64, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=CheckOutcome.choices)
    # One entry per signature: field, signer, issuer, signed_at, timestamped, outcome, detail.
    findings = models.JSONField(default=list)
    agency_code = models.CharField(max_length=40, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")

    def __str__(self) -> str:
        return f"{self.sha256[:12]} {self.outcome}"

    @property
    def is_valid(self) -> bool:
        return self.outcome == CheckOutcome.VALID

"""Machine clients of the REST API: one scoped key per client, kept only as a hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from org.models import Agency


class ApiClient(models.Model):
    """Another system of an agency (a provincial dashboard, an archive, a kiosk) calling the API.

    The client acts through its own service account (`user`): an account without a password
    that holds the roles the agency administrator gave the client, in the client's agency only.
    The API then reads and writes exactly as a member of staff with those roles would, through
    the same selectors and services and the same access rules (R5). `can_write` is a second
    gate on top: a read-only key never reaches a service that writes.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="api_clients"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses the key."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    can_write = models.BooleanField(
        _("may write"),
        default=False,
        help_text=_("Receive dossiers and move them along the workflow; otherwise read only."),
    )
    # The key is "<prefix>.<secret>": the prefix finds the row, the secret is compared by hash.
    key_prefix = models.CharField(_("key prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["agency__code", "name", "id"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

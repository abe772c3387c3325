"""Citizen accounts: a person who signed in with a one-time code, and the codes themselves.

A citizen account is not a Django user: staff accounts carry roles, lockout, TOTP and the staff
session rules, and none of them apply to a citizen. The account lives in the session
(accounts.session) and acts as the applicant (core.actors).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Verification(models.TextChoices):
    """How the ID number of an account was proved to be the citizen's."""

    REGISTRY = "registry", _("matched the registry by the verified phone or e-mail")
    VNEID = "vneid", _("national electronic identity (VNeID)")


class CitizenAccount(models.Model):
    """One citizen who signs in. Created only once a one-time code sent to the phone or e-mail
    was typed back, so an unproven address never becomes an account."""

    phone = models.CharField(_("phone"), max_length=20, null=True, blank=True, unique=True)
    email = models.EmailField(_("e-mail"), null=True, blank=True, unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # What the citizen declared; the dossiers received under it are shown only once verified.
    id_number = models.CharField(_("ID number"), max_length=12, blank=True)
    verified_by = models.CharField(
        _("ID number verified by"), max_length=10, choices=Verification.choices, blank=True
    )
    verified_at = models.DateTimeField(_("ID number verified at"), null=True, blank=True)
    # The registry entry of the counter: set only with a verified ID number.
    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    vneid_subject = models.CharField(max_length=255, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("citizen account")
        verbose_name_plural = _("citizen accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(phone__isnull=False)
                | Q(email__isnull=False)
                | Q(vneid_subject__isnull=False),
                name="citizen_account_has_a_way_in",
            ),
            # A verified account names its registry entry, and only a verified one does.
            models.CheckConstraint(
                condition=Q(verified_by="", citizen__isnull=True, verified_at__isnull=True)
                | (~Q(verified_by="") & Q(citizen__isnull=False) & Q(verified_at__isnull=False)),
                name="citizen_account_verified_with_registry_entry",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or f"#{self.pk}"

    @property
    def verified(self) -> bool:
        return bool(self.verified_by)


class SignInCode(models.Model):
    """One code sent to one phone or e-mail. Only digests are stored: the destination's, so
    the table says nothing about who tried to sign in, and the code's, so a database reader
    cannot sign in with it."""

    destination_digest = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=8)
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} {self.created_at:%Y-%m-%d %H:%M}"

"""Citizens the offices serve, as their ID card describes them, and what they consented to."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from citizens import cccd
from citizens.cccd import MAX_ADDRESS_LENGTH, MAX_NAME_LENGTH
from core.phones import validate_phone


class Gender(models.TextChoices):
    # Stored as the card writes it, so forms print what the citizen's card says.
    MALE = cccd.MALE, _("male")
    FEMALE = cccd.FEMALE, _("female")


class ConsentPurpose(models.TextChoices):
    REUSE = "reuse", _("reuse of data the office already holds to prefill new dossiers")


class Citizen(models.Model):
    """One person, keyed by the 12-digit personal ID number of the CCCD."""

    id_number = models.CharField(
        _("ID number"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{12}\Z", _("Enter the 12 digits of the ID number."))],
    )
    old_id_number = models.CharField(
        _("old ID number"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                r"^(?:[0-9]{9}|[0-9]{12})\Z", _("Enter the 9 or 12 digits of the old ID number.")
            )
        ],
    )
    full_name = models.CharField(_("full name"), max_length=MAX_NAME_LENGTH)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=3, choices=Gender.choices)
    address = models.CharField(
        _("permanent address"),
        max_length=MAX_ADDRESS_LENGTH,
        blank=True,
        help_text=_("As written on the ID card, which may still use pre-2025 unit names."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    # Folded name (core.text.fold), for search that ignores diacritics; set by the services.
    search_name = models.CharField(
        _("name for search"), max_length=MAX_NAME_LENGTH, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["search_name", "id"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        # The name only: str() ends up in audit rows and logs, the ID number must not.
        return self.full_name


class Consent(models.Model):
    """A citizen's consent to one purpose (Law 91/2025, Decree 356/2025): for what, to which
    agency, when, and when it was withdrawn. Withdrawing closes the row; a new consent is a
    new row, so the history stays readable."""

    citizen = models.ForeignKey(
        Citizen,
        verbose_name=_("citizen"),
        # Erasing a citizen must decide what proof of consent to keep: not a side effect.
        on_delete=models.PROTECT,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    # Kept as text, as the audit log does: citizens depends on core only, not on org.
    agency_code = models.CharField(_("agency code"), max_length=64)
    # Empty when the citizen gave it themself on the online portal (signed in, ID verified).
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("consented at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "purpose", "agency_code"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_consent_per_purpose_and_agency",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("granted_at")),
                name="consent_withdrawn_after_granted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen_id}: {self.purpose} ({self.agency_code})"

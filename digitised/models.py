"""Digitised documents (Decree 118/2025 art. 19.2; Decree 45/2020): a dossier's scanned or
uploaded component, or its electronic result, recorded with the metadata that lets the state
reuse it instead of asking the citizen again; and each reuse in a later dossier."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DigitisedKind(models.TextChoices):
    COMPONENT = "component", _("digitised dossier component")
    RESULT = "result", _("electronic result")


class DigitisedDocument(models.Model):
    """One digitised document with its art. 19.2 metadata. Exactly one source: a file of a
    dossier's component, or the dossier's signed result document."""

    kind = models.CharField(_("kind"), max_length=10, choices=DigitisedKind.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="digitised_documents"
    )
    source_file = models.OneToOneField(
        "dossiers.DossierFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="digitised",
    )
    result = models.OneToOneField(
        "dossiers.ResultDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="digitised",
    )
    document_type_code = models.CharField(
        _("document type code"),
        max_length=40,
        help_text=_(
            "The code of the kind of document, e.g. KQ.1.001193 or GKS (birth certificate)."
        ),
    )
    holder_id_number = models.CharField(
        _("holder's ID number"),
        max_length=12,
        db_index=True,
        help_text=_("The personal ID number of the person the document is about."),
    )
    name = models.CharField(_("document name"), max_length=255)
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    summary = models.TextField(_("summary"), max_length=2000)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty when it does not expire.")
    )
    issuer = models.CharField(_("issuing agency"), max_length=255)
    sha256 = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("digitised document")
        verbose_name_plural = _("digitised documents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="component", source_file__isnull=False, result__isnull=True)
                    | Q(kind="result", result__isnull=False, source_file__isnull=True)
                ),
                name="digitised_has_exactly_its_source",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="digitised_valid_until_after_from",
            ),
        ]
        indexes = [models.Index(fields=["holder_id_number", "valid_until"])]

    def __str__(self) -> str:
        return self.name


class Reuse(models.Model):
    """A digitised document used in a later dossier instead of a new paper copy, with the
    citizen's consent to reuse that was in force (citizens.Consent)."""

    document = models.ForeignKey(DigitisedDocument, on_delete=models.PROTECT, related_name="reuses")
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="digitised_reuses"
    )
    consent = models.ForeignKey("citizens.Consent", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("reuse of a digitised document")
        verbose_name_plural = _("reuses of digitised documents")
        constraints = [
            models.UniqueConstraint(fields=["document", "dossier"], name="reused_once_per_dossier")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.dossier_id}"

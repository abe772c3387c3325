"""The citizen's online submissions: drafts saved as they type, their uploads per required
document, and who submitted which dossier for whom."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActingFor(models.TextChoices):
    SELF = "self", _("myself")
    FAMILY = "family", _("a member of my family")
    ORGANISATION = "organisation", _("an organisation I represent")


class Draft(models.Model):
    """One online submission in the making. Saved at every step so nothing typed is lost; its
    key becomes the dossier's submission key, so submitting twice makes one dossier (R2)."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        "accounts.CitizenAccount", on_delete=models.CASCADE, related_name="drafts"
    )
    version = models.ForeignKey(
        "catalog.ProcedureVersion", on_delete=models.PROTECT, related_name="+"
    )
    receiving_agency = models.ForeignKey(
        "org.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acting_for = models.CharField(
        _("submitting for"), max_length=12, choices=ActingFor.choices, default=ActingFor.SELF
    )
    # What the citizen typed, field by field, as typed: a draft keeps even what does not
    # validate yet, and the form shows it back.
    values = models.JSONField(default=dict, blank=True)
    # The help code a volunteer gave at the counter (counter.GuidedSession.portal_code): the
    # dossier submitted from this draft is recorded as guided, with that helper.
    guide_code = models.CharField(max_length=8, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_submission",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        indexes = [models.Index(fields=["account", "-updated_at"], name="drafts_of_account")]

    def __str__(self) -> str:
        return str(self.key)

    @property
    def submitted(self) -> bool:
        return self.dossier_id is not None


class DraftFile(models.Model):
    """A file uploaded for one required document of a draft, checked and stored under a
    generated name (dossiers.files), copied into the dossier at submission."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "catalog.RequiredDocument", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="online/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.content_type in ("image/jpeg", "image/png")

"""What the result of a dossier is and who took it: the result document as the specialist
drafts it and the leader signs it, and the person who collected it at the counter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ResultStage(models.TextChoices):
    DRAFT = "draft", _("draft proposed by the specialist")
    FINAL = "final", _("final, approved and signed")


class ResultDocument(models.Model):
    """The result document at one stage: the specialist's draft with the proposal, the signed
    final with the approval. Appended, never edited; the newest of a stage counts."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="result_documents"
    )
    stage = models.CharField(_("stage"), max_length=8, choices=ResultStage.choices)
    number = models.CharField(
        _("number and symbol"), max_length=80, blank=True, help_text=_("e.g. 125/QĐ-UBND")
    )
    issued_on = models.DateField(_("date of the document"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The file, when one is attached: checked and stored like the dossier's own files.
    file = models.FileField(upload_to="results/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    # The digital signature the approval put on the PDF (dossiers.signatures): who the
    # certificate names, when, by which provider; empty for a result signed on paper.
    signed_by = models.CharField(_("digitally signed by"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("digitally signed at"), null=True, blank=True)
    signature_provider = models.CharField(max_length=40, blank=True)
    signature_demo = models.BooleanField(
        _("signed with the demo certificate"), default=False, help_text=_("No legal value.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("result document")
        verbose_name_plural = _("result documents")
        constraints = [
            # A signed result has its number and date (Decree 30/2020).
            models.CheckConstraint(
                condition=Q(stage="draft") | (~Q(number="") & Q(issued_on__isnull=False)),
                name="final_result_has_number_and_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number or self.get_stage_display()


class CollectorKind(models.TextChoices):
    APPLICANT = "applicant", _("the applicant in person")
    AUTHORISED = "authorised", _("an authorised person")


class ResultCollection(models.Model):
    """Who collected the result at the counter, as the register records it: the applicant or a
    person they authorised, whose ID document the officer checked."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="collection"
    )
    kind = models.CharField(_("collected by"), max_length=12, choices=CollectorKind.choices)
    full_name = models.CharField(_("full name"), max_length=150)
    id_number = models.CharField(_("ID number"), max_length=12)
    id_checked = models.BooleanField(_("ID document checked"), default=False)
    relationship = models.CharField(_("relationship to the applicant"), max_length=100, blank=True)
    authorisation = models.CharField(
        _("authorisation document"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Giấy ủy quyền ngày 02/03/2026, chứng thực tại UBND Phường Hoàn Kiếm"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("result collection")
        verbose_name_plural = _("result collections")
        constraints = [
            models.CheckConstraint(condition=Q(id_checked=True), name="collector_id_checked"),
            models.CheckConstraint(
                condition=Q(kind="applicant") | (~Q(relationship="") & ~Q(authorisation="")),
                name="authorised_collector_has_relationship_and_document",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def masked_id(self) -> str:
        """The ID number as pages and the register show it: the last four digits only."""
        return mask_id(self.id_number)


def mask_id(number: str) -> str:
    number = number.strip()
    if len(number) <= 4:
        return "*" * len(number)
    return "*" * (len(number) - 4) + number[-4:]

"""Inspections of a counter or unit: the checklist they follow, what was found, the evidence,
the follow-up actions with owners and deadlines, and the outcomes recorded against officers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspection.rules import EVIDENCE_CHOICES


class Checklist(models.Model):
    """A configurable list of what the team checks; inspections copy its items when they start,
    so editing the list later never changes a past report."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("what is checked"), max_length=300)
    guidance = models.TextField(_("how to check it"), blank=True)
    evidence = models.CharField(
        _("evidence from MotCua's records"),
        max_length=40,
        choices=EVIDENCE_CHOICES,
        blank=True,
        help_text=_("A figure computed from the records and shown beside the item."),
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["checklist_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "position"], name="unique_checklist_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class InspectionStatus(models.TextChoices):
    OPEN = "open", _("in progress")
    CLOSED = "closed", _("concluded")


class Inspection(models.Model):
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("inspected unit"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    place = models.CharField(
        _("counter or place"),
        max_length=120,
        blank=True,
        help_text=_('E.g. "Quầy số 2" or "Bộ phận một cửa"; empty for the whole unit.'),
    )
    inspected_on = models.DateField(_("inspected on"))
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="+"
    )
    team = models.CharField(
        _("inspection team"), max_length=300, help_text=_("Names of the members present.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.OPEN,
    )
    conclusion = models.TextField(_("conclusion"), blank=True)
    closed_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["agency", "inspected_on"], name="inspection_by_agency")]

    def __str__(self) -> str:
        where = f" – {self.place}" if self.place else ""
        return f"{self.agency.name}{where} {self.inspected_on:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        return f"{self.pk}/BB-KTCCHC"


class Result(models.TextChoices):
    PENDING = "pending", _("not yet checked")
    MET = "met", _("met")
    NOT_MET = "not_met", _("not met")
    NOT_APPLICABLE = "na", _("not applicable")


class Finding(models.Model):
    """One checklist item as found on the day (or a finding outside the list)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("what is checked"), max_length=300)
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, default=Result.PENDING
    )
    note = models.TextField(_("what was found"), blank=True)
    evidence_key = models.CharField(max_length=40, blank=True)
    evidence_count = models.PositiveIntegerField(null=True, blank=True)
    evidence_text = models.TextField(
        _("evidence from the records"),
        blank=True,
        help_text=_("Computed when the inspection started, kept as it was that day."),
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "position"], name="unique_finding_position"
            )
        ]

    def __str__(self) -> str:
        return self.text


class EvidenceFile(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="evidence_files"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    # Stored under a generated name; the uploaded name is kept only for showing.
    file = models.FileField(upload_to="inspection/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class FollowUpAction(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("what must be done"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="inspection_actions",
    )
    due_on = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.CharField(_("what was done"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]
        indexes = [
            # "Việc hôm nay": an owner's open actions by deadline.
            models.Index(
                fields=["owner", "due_on"],
                condition=Q(done_on__isnull=True),
                name="inspection_action_open",
            )
        ]

    def __str__(self) -> str:
        return self.description


class OutcomeKind(models.TextChoices):
    COMMENDATION = "commendation", _("commendation")
    DISCIPLINE = "discipline", _("discipline")


class Outcome(models.Model):
    """A commendation or a discipline recorded against one officer (the seeds' inspection
    teams propose both; the decision itself is the leader's, referenced here)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="outcomes")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="inspection_outcomes",
    )
    kind = models.CharField(_("outcome"), max_length=15, choices=OutcomeKind.choices)
    reason = models.TextField(_("reason"))
    decision = models.CharField(
        _("decision"), max_length=200, blank=True, help_text=_("Number and date, if issued.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.officer}"

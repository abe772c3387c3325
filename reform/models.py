"""Reform plans (kế hoạch CCHC): the plan, its tasks with lead and coordinating units, progress
reports with their evidence files, and the quarterly reviews."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.wording import money
from reform.indices import PapiDimension, ParIndexField
from reform.rules import OPEN_STATUSES, TaskStatus, TimelineKind, timeline_text


class Plan(models.Model):
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("issuing agency"),
        on_delete=models.PROTECT,
        related_name="reform_plans",
    )
    number = models.CharField(
        _("number and symbol"), max_length=40, help_text=_("As issued, e.g. 426/KH-UBND.")
    )
    issued_on = models.DateField(_("issued on"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_('e.g. "Kế hoạch cải cách hành chính năm 2026".'),
    )
    implements = models.CharField(
        _("implements"),
        max_length=300,
        blank=True,
        help_text=_(
            "The higher plan it carries out, as written, e.g. "
            '"Kế hoạch số 1604/KH-UBND ngày 20/12/2025 của UBND tỉnh".'
        ),
    )
    purpose = models.TextField(_("purposes and requirements"), blank=True)
    signer_title = models.CharField(
        _("signs as"),
        max_length=120,
        blank=True,
        help_text=_('One line; " / " starts a new line, e.g. "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".'),
    )
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("reform plan")
        verbose_name_plural = _("reform plans")
        ordering = ["-year", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="one_plan_number_per_agency_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("no."))
    content = models.TextField(_("task"))
    lead_unit = models.ForeignKey(
        "org.Agency",
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        related_name="reform_tasks_led",
    )
    coordinating_units = models.ManyToManyField(
        "org.Agency",
        verbose_name=_("coordinating units"),
        blank=True,
        related_name="reform_tasks_coordinated",
    )
    other_coordinators = models.CharField(
        _("other coordinating bodies"),
        max_length=300,
        blank=True,
        help_text=_("Bodies outside MotCua, e.g. the Fatherland Front, the hamlet heads."),
    )
    timeline_kind = models.CharField(
        _("timeline"), max_length=10, choices=TimelineKind.choices, default=TimelineKind.REGULAR
    )
    due_on = models.DateField(_("by the date"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(
        _("by the end of quarter"), null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    # The day it is really due (moved past a closed day), kept for the lead units' queues.
    due_by = models.DateField(_("due"), null=True, blank=True, editable=False)
    budget = models.BigIntegerField(
        _("budget (đồng)"),
        null=True,
        blank=True,
        help_text=_("Integer đồng; empty when it comes from the regular budget."),
    )
    par_field = models.PositiveSmallIntegerField(
        _("PAR INDEX field"), choices=ParIndexField.choices, null=True, blank=True
    )
    papi_dimension = models.PositiveSmallIntegerField(
        _("PAPI dimension"), choices=PapiDimension.choices, null=True, blank=True
    )
    expected_result = models.CharField(_("expected result"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent_done = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="unique_task_position"),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="task_budget_positive"
            ),
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="task_percent_le_100"),
            models.CheckConstraint(
                condition=~Q(timeline_kind="date") | Q(due_on__isnull=False),
                name="task_date_timeline_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(timeline_kind="quarter") | Q(quarter__gte=1, quarter__lte=4),
                name="task_quarter_timeline_has_quarter",
            ),
        ]
        indexes = [
            # Each lead unit's queue of open tasks by due day.
            models.Index(
                fields=["lead_unit", "due_by"],
                condition=Q(status__in=OPEN_STATUSES),
                name="reform_task_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:60]}"

    @property
    def budget_text(self) -> str:
        return money(self.budget) if self.budget is not None else ""

    @property
    def timeline(self) -> str:
        return timeline_text(
            kind=self.timeline_kind, due_on=self.due_on, quarter=self.quarter, year=self.plan.year
        )


class ProgressReport(models.Model):
    """What the lead unit reports on a task (history: rows are added, never edited)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"))
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices)
    percent_done = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("what was done"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["task_id", "-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="report_percent_le_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reported_on:%d/%m/%Y} {self.percent_done}%"


class Evidence(models.Model):
    """A file proving a progress report (minutes, photos of the notice board, a decision)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    # Stored under a generated name; the officer's name is kept only for showing.
    file = models.FileField(upload_to="reform/%Y/%m/")
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


class QuarterlyReview(models.Model):
    """The quarter's review meeting of a plan (sơ kết quý) and its minutes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MaxValueValidator(4)])
    held_on = models.DateField(_("held on"))
    chaired_by = models.CharField(_("chaired by"), max_length=120)
    attendees = models.TextField(_("attendees"), blank=True)
    minutes = models.TextField(_("minutes"))
    conclusions = models.TextField(_("conclusions and next steps"), blank=True)
    # What the tasks stood at when the review was held: the minutes quote these figures.
    counts = models.JSONField(default=dict, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quarterly review")
        verbose_name_plural = _("quarterly reviews")
        ordering = ["plan_id", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "quarter"], name="one_review_per_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="review_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} Q{self.quarter}"

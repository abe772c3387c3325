"""The helpers' duty roster: who helps citizens at which counter of a one-stop centre, per
half-day (officers and association volunteers, DOMAIN.md §8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from org.models import Agency


class HalfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class HelperOrganisation(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("commune officer")
    YOUTH_UNION = "youth_union", _("Ho Chi Minh Communist Youth Union")
    WOMENS_UNION = "womens_union", _("Women's Union")
    VETERANS_ASSOCIATION = "veterans_association", _("Veterans' Association")
    FARMERS_UNION = "farmers_union", _("Farmers' Union")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    OTHER = "other", _("other organisation")


class DutyShift(models.Model):
    """One helper on duty at one counter of a centre for one half-day.

    The helper is either a staff account holding the volunteer role there, or only a name (an
    association member who never logs in): exactly one of the two.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("one-stop centre"),
        on_delete=models.PROTECT,
        related_name="duty_shifts",
    )
    day = models.DateField(_("day"))
    half_day = models.CharField(_("half-day"), max_length=16, choices=HalfDay.choices)
    counter = models.CharField(
        _("counter"), max_length=40, help_text=_("As signposted at the centre, e.g. “Quầy 2”.")
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper (staff account)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_shifts",
        help_text=_("A staff member holding the volunteer role at this centre."),
    )
    helper_name = models.CharField(
        _("helper's name"),
        max_length=150,
        blank=True,
        help_text=_("For a volunteer without an account: the full name, as shown to citizens."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=32, choices=HelperOrganisation.choices
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["day", "counter", "id"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        constraints = [
            models.CheckConstraint(
                condition=(Q(helper__isnull=False) & Q(helper_name=""))
                | (Q(helper__isnull=True) & ~Q(helper_name="")),
                name="duty_shift_has_one_helper",
            ),
            models.CheckConstraint(condition=~Q(counter=""), name="duty_shift_has_a_counter"),
            # One person stands at one counter per half-day: the counter is left out on purpose,
            # so the same helper cannot be put at "Quầy 1" and "Quầy 2" at the same time.
            models.UniqueConstraint(
                fields=["agency", "day", "half_day", "helper"],
                condition=Q(helper__isnull=False),
                name="unique_duty_shift_per_account",
            ),
            models.UniqueConstraint(
                fields=["agency", "day", "half_day", "helper_name"],
                condition=Q(helper__isnull=True),
                name="unique_duty_shift_per_named_helper",
            ),
        ]

    def __str__(self) -> str:
        half_day = self.get_half_day_display()
        return f"{self.day:%d/%m/%Y} {half_day} — {self.counter} — {self.helper_display}"

    @property
    def helper_display(self) -> str:
        """The name citizens see: never a username, which is an account detail."""
        if self.helper_id is None:
            return self.helper_name
        return self.helper.full_name or str(_("volunteer"))


class GuidanceSlip(models.Model):
    """A guidance slip (phiếu hướng dẫn) given when a citizen came without every document: no
    dossier is created, but the slip is recorded so the help is counted (DOMAIN.md §8)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("one-stop centre"),
        on_delete=models.PROTECT,
        related_name="guidance_slips",
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="guidance_slips",
    )
    citizen_name = models.CharField(
        _("citizen's name"),
        max_length=150,
        blank=True,
        help_text=_("Optional: the slip is valid without a name."),
    )
    missing_documents = models.JSONField(
        _("documents to bring"),
        default=list,
        blank=True,
        help_text=_("Names of the procedure's required documents ticked as missing."),
    )
    other_items = models.TextField(
        _("other things to bring or complete"),
        blank=True,
        help_text=_("One item per line."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guided by"),
        on_delete=models.PROTECT,
        related_name="guidance_slips",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("guidance slip")
        verbose_name_plural = _("guidance slips")
        constraints = [
            # A slip that lists nothing to bring guides no one.
            models.CheckConstraint(
                condition=~Q(missing_documents=[]) | ~Q(other_items=""),
                name="guidance_slip_lists_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.pk} {self.created_at:%d/%m/%Y}"

    @property
    def other_lines(self) -> list[str]:
        return [line.strip(" -•*\t") for line in self.other_items.splitlines() if line.strip()]


class HardStep(models.TextChoices):
    """Where a citizen needed the helper most when submitting online."""

    ACCOUNT = "account", _("account / VNeID login")
    FORM = "form", _("filling in the form")
    UPLOAD = "upload", _("uploading documents")
    PAYMENT = "payment", _("paying online")
    NONE = "none", _("none: only reassurance")


class GuidedSession(models.Model):
    """A citizen helped at the counter to submit a dossier online themselves ("Hướng dẫn nộp
    hồ sơ trực tuyến"). The session is recorded whether or not a dossier came of it; the
    dossier, when there is one, is linked and carries `guided_online`."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("one-stop centre"),
        on_delete=models.PROTECT,
        related_name="guided_sessions",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.PROTECT,
        related_name="guided_sessions",
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="guided_sessions",
    )
    hard_step = models.CharField(_("hardest step"), max_length=16, choices=HardStep.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier submitted"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guided_session",
    )
    # When the citizen submits on their own phone (or the kiosk) on the portal: the code the
    # helper gives them, which links the dossier they submit to this session until it expires.
    portal_code = models.CharField(
        _("portal help code"), max_length=8, null=True, blank=True, unique=True
    )
    portal_code_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("guided online session")
        verbose_name_plural = _("guided online sessions")

    def __str__(self) -> str:
        return f"{self.agency_id} {self.pk} {self.get_hard_step_display()}"

"""Administrative units, agencies, staff and the roles they hold."""

from datetime import date, time

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.phones import validate_phone

TWO_TIER_REFORM = date(2025, 7, 1)


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("province")
    COMMUNE = "commune", _("commune")


class AdministrativeUnit(models.Model):
    """A province or a commune/ward/special zone, as the official list names it.

    Units were merged on 01/07/2025; a unit keeps its dates and links to the units it replaced,
    so an address written before the merger can still be placed.
    """

    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=150)
    codename = models.CharField(_("code name"), max_length=150, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices)
    division_type = models.CharField(_("division type"), max_length=40)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    effective_from = models.DateField(_("effective from"), default=TWO_TIER_REFORM)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessor units"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "effective_from"], name="unique_unit_code_per_period"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="unit_period_is_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_effective_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


class AgencyKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "provincial_committee", _("provincial People's Committee")
    PROVINCIAL_CENTRE = "provincial_centre", _("provincial public administrative service centre")
    PROVINCIAL_DEPARTMENT = "provincial_department", _("provincial department")
    COMMUNE_COMMITTEE = "commune_committee", _("commune People's Committee")
    COMMUNE_CENTRE = "commune_centre", _("commune public administrative service centre")
    SPECIALIST_SECTION = "specialist_section", _("specialist section")


class Agency(models.Model):
    """An office that receives or decides dossiers, with its hours.

    Agencies form a tree (province → commune committee → its centre and sections): a role held
    in an agency lets its holder see that agency and the ones below it.
    """

    code = models.CharField(
        _("national agency code"),
        max_length=64,
        unique=True,
        help_text=_("The agency's electronic identifier, e.g. 000.00.17.H01."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    opens_at = models.TimeField(_("opens at"), default=time(7, 30))
    closes_at = models.TimeField(_("closes at"), default=time(17, 0))
    same_day_cutoff = models.TimeField(
        _("same-day cut-off"),
        default=time(15, 0),
        help_text=_("Dossiers with a same-day term received after this time are due next day."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("same_day_cutoff"))
                & Q(same_day_cutoff__lte=F("closes_at")),
                name="agency_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Citizens are not users of this table (see the citizens app)."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    RECEIVING_OFFICER = "receiving_officer", _("receiving officer")
    SPECIALIST = "specialist", _("specialist")
    LEADER = "leader", _("leader (approver)")
    POSTAL_CLERK = "postal_clerk", _("postal clerk")
    VOLUNTEER = "volunteer", _("volunteer helper")
    INSPECTOR = "inspector", _("inspector (read-only)")
    AGENCY_ADMIN = "agency_admin", _("agency administrator")
    HAMLET_OFFICER = "hamlet_officer", _("hamlet data officer")


class StaffRole(models.Model):
    """A role a user holds in one agency. A user may hold several, in several agencies."""

    user = models.ForeignKey(
        User, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="roles"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="staff_roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["agency__code", "role"]
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="unique_role_per_user_and_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"

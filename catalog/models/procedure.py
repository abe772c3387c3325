"""Administrative procedures (thủ tục hành chính) and their versions.

A `Procedure` is the stable identity (national code); everything a citizen reads lives on a
`ProcedureVersion`. Editing a published procedure creates a new version; dossiers pin the version
they were received under, so a published or expired version never changes and is never deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.fees import FeeRule, FeeUnit, rule_words
from org.models import Agency, AgencyKind


class Channel(models.TextChoices):
    """Submission channels, with the national channel codes (1 direct, 2 online, 3 postal)."""

    DIRECT = "1", _("at the counter")
    ONLINE = "2", _("online")
    POSTAL = "3", _("by post")


class TermUnit(models.TextChoices):
    WORKING_DAYS = "d", _("working days")
    WORKING_HOURS = "h", _("working hours")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("fully online (toàn trình)")
    PARTIAL = "partial", _("partly online (một phần)")
    NONE = "none", _("not online")


class ImplementingLevel(models.TextChoices):
    COMMUNE = "commune", _("commune level")
    PROVINCE = "province", _("provincial level")
    MULTI = "multi", _("several levels (liên thông)")


class FeeMoment(models.TextChoices):
    """When a fee is collected, with the national codes."""

    AT_RECEIPT = "1", _("at receipt")
    AT_SUPPLEMENT = "2", _("at supplement")
    AT_RESULT = "4", _("when the result is returned")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    EXPIRED = "expired", _("expired")


class ProcedureField(models.Model):
    """A field of administration (lĩnh vực), e.g. Hộ tịch, Chứng thực."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    national_code = models.CharField(
        _("national code"),
        max_length=40,
        help_text=_("Code on the national portal, e.g. 1.001193."),
    )
    local_code = models.CharField(
        _("local code"),
        max_length=80,
        blank=True,
        help_text=_("The province's variant code, e.g. 1.000948.000.00.00.H38, if any."),
    )
    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("agencies that handle it"),
        blank=True,
        related_name="procedures",
    )
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
        help_text=_(
            "The shared procedure this local variant adapts for some agencies; once the variant "
            "is published, those agencies use it instead."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["national_code", "local_code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(
                fields=["national_code", "local_code"], name="unique_procedure_code"
            ),
        ]

    def __str__(self) -> str:
        return self.local_code or self.national_code

    @property
    def code(self) -> str:
        return self.local_code or self.national_code


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    name = models.CharField(_("name"), max_length=500)
    field = models.ForeignKey(
        ProcedureField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="versions"
    )
    implementing_level = models.CharField(
        _("implementing level"),
        max_length=10,
        choices=ImplementingLevel.choices,
        default=ImplementingLevel.COMMUNE,
    )
    competent_agency_kind = models.CharField(
        _("competent agency"),
        max_length=32,
        choices=AgencyKind.choices,
        default=AgencyKind.COMMUNE_COMMITTEE,
    )
    competent_agency_note = models.CharField(
        _("competent agency (as published)"), max_length=255, blank=True
    )
    online_level = models.CharField(
        _("online level"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    postal_receipt = models.BooleanField(_("receives dossiers by post"), default=False)
    postal_return = models.BooleanField(_("returns results by post"), default=False)
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    result_type = models.CharField(_("result"), max_length=500, blank=True)
    publishing_decision = models.CharField(_("publishing decision"), max_length=100, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("Where the published values come from (links to the national portal)."),
    )
    unconfirmed = models.JSONField(
        _("values not confirmed by a public source"),
        default=list,
        blank=True,
        help_text=_("Names of the values still to be checked against the official publication."),
    )
    # Folded (no diacritics, lower case) name, codes and field, for search.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="unique_version_number"),
            # At most one published and one draft version per procedure at a time.
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="one_published_version",
            ),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(status="draft"), name="one_draft_version"
            ),
        ]
        indexes = [models.Index(fields=["status", "online_level"])]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class ChannelTerm(models.Model):
    """Whether a channel is open for this version, and its time limit."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=1, choices=Channel.choices)
    available = models.BooleanField(_("available"), default=True)
    term_value = models.PositiveIntegerField(
        _("time limit"), null=True, blank=True, help_text=_("0 working days means same day.")
    )
    term_unit = models.CharField(
        _("unit"), max_length=1, choices=TermUnit.choices, default=TermUnit.WORKING_DAYS
    )
    term_text = models.CharField(_("time limit as published"), max_length=500, blank=True)

    class Meta:
        ordering = ["channel"]
        verbose_name = _("channel and time limit")
        verbose_name_plural = _("channels and time limits")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "channel"], name="unique_channel_per_version"
            )
        ]

    def __str__(self) -> str:
        return self.get_channel_display()

    @property
    def term_label(self) -> str:
        """ "trong ngày", "3 ngày làm việc", "8 giờ làm việc", or the published text."""
        if self.term_value is None:
            return self.term_text or _("not published")
        if self.term_unit == TermUnit.WORKING_DAYS and self.term_value == 0:
            return _("same day")
        if self.term_unit == TermUnit.WORKING_DAYS:
            return _("%(count)d working days") % {"count": self.term_value}
        return _("%(count)d working hours") % {"count": self.term_value}


class Fee(models.Model):
    """A fee or charge of the version: a fixed amount, or a rule over quantities the counter
    enters (catalog.fees: per page with cheaper later pages and a cap per copy, per copy, per
    item, with a minimum)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    channel = models.CharField(
        _("channel"),
        max_length=1,
        choices=Channel.choices,
        blank=True,
        help_text=_("Empty: the same fee on every channel."),
    )
    name = models.CharField(_("name"), max_length=255)
    amount = models.PositiveBigIntegerField(
        _("amount or rate (VND)"),
        help_text=_(
            "A fixed fee: its amount. A fee computed from quantities: the rate from the first "
            "page, copy or item on."
        ),
    )
    unit = models.CharField(
        _("computed"), max_length=4, choices=FeeUnit.choices, blank=True, default=FeeUnit.FIXED
    )
    tiers = models.JSONField(
        _("later rates"),
        default=list,
        blank=True,
        help_text=_(
            'Cheaper (or dearer) rates from a given page, copy or item on: [{"from": 3, '
            '"rate": 1000}].'
        ),
    )
    cap_per_copy = models.PositiveBigIntegerField(
        _("at most per copy (VND)"),
        null=True,
        blank=True,
        help_text=_("A fee per page: the most one copy costs, whatever its pages."),
    )
    minimum = models.PositiveBigIntegerField(
        _("at least (VND)"),
        null=True,
        blank=True,
        help_text=_("The least the fee comes to, whatever the quantities."),
    )
    item_name = models.CharField(
        _("what one item is called"),
        max_length=50,
        blank=True,
        help_text=_("A fee per item: e.g. trường hợp, văn bản, giao dịch."),
    )
    # The e-form fields that already ask for the quantities: the counter reads them there
    # instead of asking the officer to type the same number twice.
    pages_field = models.CharField(_("pages from the e-form field"), max_length=50, blank=True)
    count_field = models.CharField(
        _("copies or items from the e-form field"), max_length=50, blank=True
    )
    collected_at = models.CharField(
        _("collected"), max_length=1, choices=FeeMoment.choices, default=FeeMoment.AT_RECEIPT
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(cap_per_copy__isnull=True) | Q(unit=FeeUnit.PAGE),
                name="fee_cap_only_per_page",
            ),
            models.CheckConstraint(
                condition=Q(pages_field="") | Q(unit=FeeUnit.PAGE),
                name="fee_pages_only_per_page",
            ),
            models.CheckConstraint(
                condition=Q(item_name="") | Q(unit=FeeUnit.ITEM),
                name="fee_item_name_only_per_item",
            ),
            models.CheckConstraint(
                condition=~Q(unit=FeeUnit.FIXED) | Q(minimum__isnull=True, count_field=""),
                name="fee_fixed_has_no_rule",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def rule(self) -> FeeRule:
        return FeeRule.of(self)

    @property
    def rule_words(self) -> str:
        """The amount, or the rule in words: "2.000 đ/trang cho trang thứ nhất và thứ hai; …"."""
        return rule_words(self.rule)


class RequiredDocument(models.Model):
    """One component of the dossier (thành phần hồ sơ)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.TextField(_("name"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("certified copies"), default=0)
    photocopies = models.PositiveSmallIntegerField(_("photocopies"), default=0)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    condition = models.CharField(
        _("condition"),
        max_length=500,
        blank=True,
        help_text=_("When the document is needed, in words, if it is not always needed."),
    )
    template = models.FileField(_("template form"), upload_to="catalog/templates/", blank=True)
    filling_guide = models.TextField(_("filling guide"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name[:80]


class Step(models.Model):
    """One step of the procedure (trình tự), with who does it and its time budget."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("step"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    budget_value = models.DecimalField(
        _("time budget"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    budget_unit = models.CharField(
        _("unit"), max_length=1, choices=TermUnit.choices, default=TermUnit.WORKING_HOURS
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.title

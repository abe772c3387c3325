"""The disclosure register: hamlets, items with their postings, attachments and table rows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosure.rules import CATEGORIES, category_choices, disclosure_state


class Hamlet(models.Model):
    """A hamlet (thôn) or residential group (tổ dân phố) of a commune: where lists are posted
    at the hamlet office and whose households a hamlet data officer enters."""

    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="hamlets"
    )
    name = models.CharField(_("name"), max_length=120)
    data_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data officers"),
        blank=True,
        related_name="disclosure_hamlets",
        help_text=_("Staff who enter this hamlet's disclosures (role: hamlet data officer)."),
    )

    class Meta:
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")
        ordering = ["agency_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unique_hamlet_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class DisclosureItem(models.Model):
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    category = models.CharField(_("category"), max_length=40, choices=category_choices())
    title = models.CharField(_("title"), max_length=300)
    period_label = models.CharField(
        _("period"), max_length=80, help_text=_('As it is printed, e.g. "Năm 2026", "Quý I/2026".')
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    issued_on = models.DateField(
        _("document issued on"),
        null=True,
        blank=True,
        help_text=_("The day the decision or list was issued; the deadline counts from it."),
    )
    hamlet = models.ForeignKey(
        Hamlet,
        verbose_name=_("hamlet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    body = models.TextField(_("content"), blank=True)
    due_on = models.DateField(_("to be disclosed by"))
    keep_until = models.DateField(_("posted at least until"))
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    publish_from = models.DateField(_("shown from"), null=True, blank=True)
    publish_until = models.DateField(_("shown until"), null=True, blank=True)
    first_published_on = models.DateField(
        _("first disclosed on"),
        null=True,
        blank=True,
        help_text=_("Kept when the item is withdrawn: the on-time indicator counts it."),
    )
    search_text = models.TextField(editable=False, default="")  # folded title, body and hamlet
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-publish_from", "-id"]
        indexes = [
            # The public site's one predicate, and the staff queue of what is not yet posted.
            models.Index(
                fields=["status", "publish_from", "publish_until"], name="disclosure_public"
            ),
            models.Index(
                fields=["agency", "due_on"],
                condition=Q(first_published_on__isnull=True),
                name="disclosure_not_posted",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="disclosure_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(publish_until__isnull=True)
                | Q(publish_from__isnull=True)
                | Q(publish_until__gte=models.F("publish_from")),
                name="disclosure_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category_info(self):
        return CATEGORIES[self.category]

    def state(self, today):
        return disclosure_state(
            status=self.status,
            posted_on=self.first_published_on,
            due=self.due_on,
            publish_from=self.publish_from,
            publish_until=self.publish_until,
            today=today,
        )


class Place(models.TextChoices):
    BOARD = "board", _("notice board at the commune")
    HAMLET_OFFICE = "hamlet_office", _("hamlet office")
    WEBSITE = "website", _("commune website")
    RADIO = "radio", _("commune radio")
    MEETING = "meeting", _("residents' meeting")


class Posting(models.Model):
    """Where and when an item was posted, and who answers for it (history: rows are added)."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="postings")
    place = models.CharField(_("place"), max_length=20, choices=Place.choices)
    posted_on = models.DateField(_("posted on"))
    taken_down_on = models.DateField(_("taken down on"), null=True, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=120)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["posted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_place_display()} {self.posted_on:%d/%m/%Y}"


class Attachment(models.Model):
    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="attachments")
    # Stored under a generated name; the officer's name is kept only for showing.
    file = models.FileField(upload_to="disclosure/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class TableRow(models.Model):
    """One row of the item's typed table; its columns are those of the category's table kind
    (disclosure.tables.COLUMNS), checked by the service before any row is stored."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["item_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="unique_row_position")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}/{self.position}"


# Drafts for public comment live beside the register (a separate module to keep files small).
from disclosure.draft_models import CommentStatus, Decision, Draft, DraftComment  # noqa: E402, F401

"""Drafts for public comment (lấy ý kiến dự thảo): the draft and its comment period, comments
from the public held for moderation, officials' replies, and the summary of what was accepted
and why not (bảng tổng hợp tiếp thu, giải trình). Imported by disclosure.models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="drafts"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("what it is about"), help_text=_("A few lines for residents: what changes, for whom.")
    )
    body = models.TextField(_("text of the draft"))
    opens_on = models.DateField(_("comments open on"))
    closes_on = models.DateField(_("comments close on"))
    published_on = models.DateField(_("published for comment on"), null=True, blank=True)
    summary_intro = models.TextField(_("summary: general explanation"), blank=True)
    summary_published_on = models.DateField(_("summary published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("draft for public comment")
        verbose_name_plural = _("drafts for public comment")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="draft_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day) -> bool:
        return self.published_on is not None and self.opens_on <= day <= self.closes_on


class CommentStatus(models.TextChoices):
    HELD = "held", _("held for moderation")
    APPROVED = "approved", _("shown")
    REJECTED = "rejected", _("not shown")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    NOTED = "noted", _("noted (no change needed)")


class DraftComment(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("name (optional)"), max_length=120, blank=True)
    # Never shown on a public page: only staff see it, to answer the person.
    contact = models.CharField(_("phone or e-mail (kept private)"), max_length=120, blank=True)
    section = models.CharField(_("article or section"), max_length=120, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.HELD
    )
    moderation_note = models.CharField(_("reason not shown"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    reply = models.TextField(_("official reply"), blank=True)
    decision = models.CharField(_("accepted?"), max_length=15, choices=Decision.choices, blank=True)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("What changed in the draft, or why not.")
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["created_at", "id"]
        indexes = [
            # The moderation queue and the public list, per draft.
            models.Index(fields=["draft", "status"], name="draft_comment_status")
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}/{self.pk}"

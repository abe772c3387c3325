"""Feedback items (phản ánh, kiến nghị) and their history, appended and never edited."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import ProcedureField, ProcedureVersion
from core.actors import ActorKind
from dossiers.models import Dossier
from feedback.workflow import ACTIVE_STATES, REGISTER, Action, State
from org.models import Agency


class Channel(models.TextChoices):
    WEB = "web", _("public web form")
    COUNTER = "counter", _("at the counter")
    HOTLINE = "hotline", _("hotline")
    LETTER = "letter", _("letter")
    ZALO = "zalo", _("Zalo")


STAFF_CHANNELS = [Channel.COUNTER, Channel.HOTLINE, Channel.LETTER, Channel.ZALO]


class Kind(models.TextChoices):
    REPORT = "report", _("report (phản ánh)")
    RECOMMENDATION = "recommendation", _("recommendation (kiến nghị)")


class FeedbackItem(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency that received the feedback and answers for it."),
    )
    # The one-stop counter that registers and classifies it: the agency's own public
    # administrative service centre when it has one, else the agency (selectors.intake_point).
    intake_agency = models.ForeignKey(
        Agency,
        verbose_name=_("registered at"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORT)
    sender_name = models.CharField(_("full name"), max_length=200)
    sender_phone = models.CharField(_("phone"), max_length=20, blank=True)
    sender_email = models.EmailField(_("e-mail"), blank=True)
    sender_address = models.CharField(_("address"), max_length=255, blank=True)
    publish_identity = models.BooleanField(
        _("name may be published"),
        default=False,
        help_text=_("The sender agreed that their name appears with the published answer."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"))
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.ForeignKey(
        ProcedureField,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier it is about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REGISTERED
    )
    version = models.PositiveIntegerField(default=1)  # compare-and-set, as for dossiers (R3)
    received_at = models.DateTimeField(_("received at"))
    # The deadline of the obligation the item is under: forwarding while outside our competence,
    # the answer once accepted (kept after answering: the on-time rate compares with it).
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_note = models.TextField(
        _("reason or notice"),
        blank=True,
        help_text=_("Why it was not accepted, or where it was forwarded, as the person is told."),
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    public_question = models.TextField(_("published question"), blank=True)
    public_answer = models.TextField(_("published answer"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The published text folded (no diacritics, lower case) once, for the public search.
    public_search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-received_at", "-id"]
        indexes = [
            # The work queues: open items of an agency by deadline.
            models.Index(
                fields=["agency", "due_at"],
                condition=Q(state__in=ACTIVE_STATES),
                name="feedback_open_by_due",
            ),
            # The public page: published answers, newest first.
            models.Index(
                fields=["-published_at"],
                condition=Q(state=State.PUBLISHED),
                name="feedback_published",
            ),
            models.Index(
                fields=["dossier"], condition=Q(dossier__isnull=False), name="feedback_dossier"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender_phone="", sender_email="")
                | Q(channel__in=["counter", "hotline", "letter", "zalo"]),
                name="feedback_web_has_contact",
                violation_error_message=_("Give a phone number or an e-mail address to answer."),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class FeedbackStep(models.Model):
    """One step of an item's life: who did what, when, and why."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField()
    action = models.CharField(max_length=16, choices=[(REGISTER, _("register")), *Action.choices])
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_kind = models.CharField(_("acted as"), max_length=10, choices=ActorKind.choices)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    note = models.TextField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(
                fields=["assignee"],
                condition=Q(assignee__isnull=False),
                name="feedback_step_assignee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.action}"

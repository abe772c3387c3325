"""Dossiers (hồ sơ): what was received, under which procedure version, and everything that
happened to it since. Status changes are rows; the dossier keeps only the current state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.fees import FeeRule, FeeUnit, Quantities, quantity_words
from catalog.models import Channel, FeeMoment, ProcedureVersion, RequiredDocument
from core.actors import ActorKind
from core.phones import validate_phone
from dossiers.codes import CHECK_LENGTH, new_check_value
from dossiers.workflow import ACTIVE_STATES, Action, State
from notifications.models import Channel as MessageChannel
from org.models import Agency


class ApplicantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    ORGANISATION = "organisation", _("organisation")


class NotifyBy(models.TextChoices):
    """How the applicant wants to hear of their dossier. Empty: by every contact they gave."""

    EVERY = "", _("by SMS and e-mail, to every contact given")
    SMS = "sms", _("by SMS")
    ZALO = "zalo", _("by Zalo")
    EMAIL = "email", _("by e-mail")
    NONE = "none", _("no messages")


class ReturnMethod(models.TextChoices):
    COUNTER = "counter", _("at the counter")
    POST = "post", _("by post")
    ONLINE = "online", _("online")


class SupportCategory(models.TextChoices):
    """Why a citizen was helped to fill in the declaration ("Công dân không viết")."""

    ELDERLY = "elderly", _("elderly")
    DISABILITY = "disability", _("person with a disability")
    VISUALLY_IMPAIRED = "visually_impaired", _("visually impaired")
    CANNOT_WRITE = "cannot_write", _("cannot read or write")
    OTHER = "other", _("other")


class DailySequence(models.Model):
    """The last sequence number given out per agency and day. Incremented under a row lock
    inside the reception transaction, so codes are unique and gap-free per committed day."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="one_sequence_per_agency_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class Dossier(models.Model):
    code = models.CharField(_("dossier code"), max_length=80, unique=True)
    # Printed on the receipt and carried in its QR link: the public lookup shows more than the
    # state only to whoever gives it with the code (codes are sequential, so guessable).
    lookup_check = models.CharField(
        _("lookup check value"), max_length=CHECK_LENGTH, default=new_check_value, editable=False
    )
    procedure_version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    channel = models.CharField(_("channel"), max_length=1, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, db_index=True)
    # Compare-and-set counter: every transition names the version it saw (R3).
    version = models.PositiveIntegerField(default=1)
    # The three places of a dossier, kept apart (Decree 118).
    receiving_agency = models.ForeignKey(
        Agency, verbose_name=_("receiving point"), on_delete=models.PROTECT, related_name="+"
    )
    competent_agency = models.ForeignKey(
        Agency, verbose_name=_("competent agency"), on_delete=models.PROTECT, related_name="+"
    )
    handling_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency handling it now"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_agency = models.ForeignKey(
        Agency, verbose_name=_("result-return point"), on_delete=models.PROTECT, related_name="+"
    )
    return_method = models.CharField(
        _("return method"), max_length=8, choices=ReturnMethod.choices, default=ReturnMethod.COUNTER
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    request_summary = models.CharField(_("request"), max_length=500, blank=True)
    sets = models.PositiveSmallIntegerField(_("number of sets"), default=1)

    submitted_at = models.DateTimeField(_("submitted online at"), null=True, blank=True)
    received_at = models.DateTimeField(_("full and valid receipt at"), null=True, blank=True)
    acceptance_due_at = models.DateTimeField(
        _("must be accepted by"), null=True, blank=True
    )  # online only: 8 working hours (art. 17.2)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    extended_due_at = models.DateTimeField(_("new date after apology"), null=True, blank=True)
    paused_since = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    # "Công dân không viết": a member of staff or a volunteer filled the declaration for the
    # citizen, who stays the applicant. Blank when the citizen filled it themselves.
    support_category = models.CharField(
        _("filled with help because"),
        max_length=20,
        choices=SupportCategory.choices,
        blank=True,
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filled in by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set at reception and return; the counts of the counter models read them.
    guided_online = models.BooleanField(_("submitted online with guidance"), default=False)
    received_by_post = models.BooleanField(_("received by post"), default=False)
    returned_by_post = models.BooleanField(_("returned by post"), default=False)

    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            # Work queues: one agency's open dossiers by state and deadline.
            models.Index(fields=["handling_agency", "state", "due_at"], name="queue_by_agency"),
            models.Index(fields=["receiving_agency", "state", "due_at"], name="queue_by_counter"),
            # Reports (issue 18): the dossiers closed in or after a period, or still open
            # (finished_at null), so a quarter's statistics read that quarter, not every year.
            models.Index(fields=["finished_at"], name="dossier_finished_at"),
            # The work queues list only active dossiers, seen from any of the three places:
            # one small index per place, which PostgreSQL combines for the OR of the scope.
            *(
                models.Index(
                    fields=[place, "state"],
                    condition=Q(state__in=ACTIVE_STATES),
                    name=f"active_by_{place}",
                )
                for place in ("receiving_agency", "handling_agency", "return_agency")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__isnull=True)
                | Q(received_at__isnull=True)
                | Q(due_at__gte=models.F("received_at")),
                name="due_not_before_receipt",
            ),
            # Assisted filling records both why and who helped, or neither.
            models.CheckConstraint(
                condition=Q(support_category="", assisted_by__isnull=True)
                | (~Q(support_category="") & Q(assisted_by__isnull=False)),
                name="assistance_has_reason_and_helper",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def assisted(self) -> bool:
        return bool(self.support_category)

    @property
    def effective_due_at(self):
        """The date the applicant was promised last: the new date after an apology, if any."""
        return self.extended_due_at or self.due_at


class Applicant(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="applicants")
    is_primary = models.BooleanField(default=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ApplicantKind.choices, default=ApplicantKind.INDIVIDUAL
    )
    full_name = models.CharField(_("full name"), max_length=150)
    id_number = models.CharField(_("ID number"), max_length=12, blank=True, db_index=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    message_channel = models.CharField(
        _("messages"), max_length=5, blank=True, default="", choices=NotifyBy.choices
    )
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    # The registry entry the card or ID number identified; the fields above stay a copy of
    # what this dossier was received with, whatever the registry says later.
    citizen = models.ForeignKey(
        "citizens.Citizen",
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # Folded name, for search that ignores diacritics. Searched with "contains", which no B-tree
    # serves: PostgreSQL has a trigram index on it (migration 0006), SQLite scans the scope.
    search_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-is_primary", "id"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.organisation_name or self.full_name


class DossierDocument(models.Model):
    """One line of the checklist: a required document and what was handed in for it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    required = models.ForeignKey(
        RequiredDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    name = models.TextField(_("document"))
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    received = models.BooleanField(_("received"), default=False)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name[:80]


class DossierFile(models.Model):
    """A scanned or uploaded file, stored under a generated name, checked and fingerprinted."""

    document = models.ForeignKey(DossierDocument, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class DossierFee(models.Model):
    """A fee of the dossier as charged: the quantities it was computed from (catalog.fees), the
    amount the rule gives, and the amount charged, which differs only with a reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("fee"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount charged (VND)"))
    collected_at = models.CharField(max_length=1, choices=FeeMoment.choices)
    # A copy of the rule's unit and item name, so the receipt says "3 trang × 2 bản" even after
    # the catalogue changes.
    unit = models.CharField(
        _("computed"), max_length=4, choices=FeeUnit.choices, blank=True, default=FeeUnit.FIXED
    )
    item_name = models.CharField(_("what one item is called"), max_length=50, blank=True)
    pages = models.PositiveIntegerField(_("pages of the original"), null=True, blank=True)
    count = models.PositiveIntegerField(_("copies or items"), null=True, blank=True)
    # Empty for fees recorded before quantities were entered at the counter.
    computed_amount = models.PositiveBigIntegerField(
        _("amount by the rule (VND)"), null=True, blank=True
    )
    correction_reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dossier fee")
        verbose_name_plural = _("dossier fees")
        constraints = [
            # Charging other than the rule says needs a reason on the row.
            models.CheckConstraint(
                condition=Q(computed_amount__isnull=True)
                | Q(amount=models.F("computed_amount"))
                | ~Q(correction_reason=""),
                name="dossier_fee_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def corrected(self) -> bool:
        return self.computed_amount is not None and self.amount != self.computed_amount

    @property
    def quantity_words(self) -> str:
        """ "3 trang × 2 bản", "2 bản"; empty for a fixed fee."""
        rule = FeeRule(amount=self.amount, unit=self.unit, item_name=self.item_name)
        return quantity_words(rule, Quantities(pages=self.pages, count=self.count))


class StatusChange(models.Model):
    """One transition or hand-over, appended and never edited: the timeline, the process
    control sheet (Mẫu 06), the register and the national sync are all computed from these."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="history")
    # Read per dossier (its index), never across dossiers by time: no index of its own. The
    # table gets five rows per dossier, so each index is paid on every step of every dossier.
    at = models.DateTimeField()
    action = models.CharField(max_length=24, choices=Action.choices + [("receive", _("receive"))])
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    # Who acted (core.actors): the staff account when a member of staff did; the kind and label
    # always, so the applicant, the system's rule or the gateway is named too.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_kind = models.CharField(_("acted as"), max_length=10, choices=ActorKind.choices)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    actor_agency = models.ForeignKey(Agency, null=True, on_delete=models.PROTECT, related_name="+")
    # Set on hand-overs only: indexed where set (the deletion checks of PROTECT need them).
    handed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    handed_to_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reason = models.TextField(blank=True)
    note = models.TextField(blank=True)
    due_at = models.DateTimeField(null=True, blank=True)  # the dossier's due date after this step

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(
                fields=["handed_to"], condition=Q(handed_to__isnull=False), name="handed_to_set"
            ),
            models.Index(
                fields=["handed_to_agency"],
                condition=Q(handed_to_agency__isnull=False),
                name="handed_to_agency_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.action} → {self.to_state}"


class Event(models.TextChoices):
    """The moments at which the applicant is told something (issue: received, supplement
    needed, apology with the new date, result ready)."""

    RECEIVED = "received", _("dossier received")
    SUPPLEMENT = "supplement", _("supplement needed")
    APOLOGY = "apology", _("apology with a new date")
    RESULT_READY = "result_ready", _("result ready")


class MessageTemplate(models.Model):
    """An agency's wording for one event and channel. Without one, the default text is used.

    Placeholders: {code} {procedure} {due} {new_date} {reason} {agency} — anything else in
    braces is printed as typed, so a typo never stops a message from being sent.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=16, choices=Event.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=MessageChannel.choices)
    text = models.TextField(_("text"), max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("message text")
        verbose_name_plural = _("message texts")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "event", "channel"], name="one_text_per_agency_event_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.event} {self.channel}"


# The result document and its collection live apart from the dossier's own tables.
from dossiers.models_results import ResultCollection, ResultDocument  # noqa: E402, F401

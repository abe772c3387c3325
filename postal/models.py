"""The public postal service (BCCI, Decision 45/2016): envelopes that bring dossiers in, and
deliveries that take results out, with every status the carrier reported as an appended row."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.phones import validate_phone
from dossiers.models import Dossier
from org.models import AdministrativeUnit, Agency
from payments.models import Obligation
from postal.lifecycle import DeliveryState, ItemState, TrackingStatus


class ReceiptSentBy(models.TextChoices):
    """How the receipt (Mẫu 01) goes back to an applicant who was not at the counter."""

    POST = "post", _("by post")
    SMS = "sms", _("by SMS")
    EMAIL = "email", _("by e-mail")


class InboundItem(models.Model):
    """An envelope the post brought to the centre: logged when it arrives, then registered as
    a dossier once its documents are checked, or sent back to the sender."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("receiving point"), on_delete=models.PROTECT, related_name="+"
    )
    item_number = models.CharField(
        _("postal item number"),
        max_length=20,
        help_text=_("The carrier's number on the envelope, e.g. EB123456785VN."),
    )
    sender_name = models.CharField(_("sender"), max_length=150)
    sender_address = models.CharField(_("sender's address"), max_length=500, blank=True)
    sender_phone = models.CharField(
        _("sender's phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    # The postmark, kept for the record only: the legal clock starts at the full and valid
    # receipt at the agency (the dossier's received_at), never at the posting date.
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at the centre"))
    state = models.CharField(
        _("state"), max_length=12, choices=ItemState.choices, default=ItemState.ARRIVED
    )
    dossier = models.OneToOneField(
        Dossier,
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postal_item",
    )
    receipt_sent_by = models.CharField(
        _("receipt sent"), max_length=8, choices=ReceiptSentBy.choices, blank=True
    )
    sent_back_reason = models.TextField(_("why it was sent back"), blank=True)
    # What the centre owes the sender by post, handed to the post: the printed receipt (Mẫu 01)
    # of a registered envelope whose receipt goes by post, or the envelope itself when it is
    # sent back. Empty while it waits on the clerk's list.
    posted_back_at = models.DateTimeField(_("posted back at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-arrived_at", "-id"]
        verbose_name = _("postal item received")
        verbose_name_plural = _("postal items received")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "item_number"], name="postal_item_once_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(state=ItemState.REGISTERED, dossier__isnull=False)
                | (~Q(state=ItemState.REGISTERED) & Q(dossier__isnull=True)),
                name="postal_item_registered_has_dossier",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "state"],
                condition=Q(state="arrived"),
                name="postal_items_to_register",
            )
        ]

    def __str__(self) -> str:
        return self.item_number


class Delivery(models.Model):
    """A result going back by post: asked for at reception with the address and the postage,
    ordered from the carrier when the result is ready, then tracked until delivered."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="deliveries"
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=DeliveryState.choices,
        default=DeliveryState.REQUESTED,
        db_index=True,
    )
    version = models.PositiveIntegerField(default=1)  # compare-and-set (R3, R22)
    carrier = models.CharField(_("carrier"), max_length=40)  # plugin name, "postal.demo"
    recipient_name = models.CharField(_("recipient"), max_length=150)
    street = models.CharField(_("house number, street, hamlet"), max_length=300)
    commune = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("commune / ward"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone = models.CharField(_("recipient's phone"), max_length=20, validators=[validate_phone])
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=100)
    # Money in integer đồng (R21). The applicant owes it from the choice at reception: an
    # obligation of the payments app, paid online or in cash at the counter like a fee.
    postage = models.PositiveBigIntegerField(_("postage (VND)"))
    postage_paid_as = models.CharField(_("postage paid"), max_length=12, default="cash")
    postage_obligation = models.OneToOneField(
        Obligation,
        verbose_name=_("postage owed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery",
    )
    cod_amount = models.PositiveBigIntegerField(_("cash on delivery (VND)"), default=0)
    order_number = models.CharField(_("order number"), max_length=40, blank=True)
    item_number = models.CharField(_("postal item number"), max_length=20, blank=True)
    ordered_at = models.DateTimeField(_("ordered at"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("handed to the post at"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The carrier's time of the status the delivery is in: a report older than this one never
    # moves it (out-of-order callbacks, R22).
    status_at = models.DateTimeField(_("status time"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    problem = models.CharField(_("reason of the failure"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("delivery by post")
        verbose_name_plural = _("deliveries by post")
        constraints = [
            # One live delivery per dossier; a cancelled one may be followed by another.
            models.UniqueConstraint(
                fields=["dossier"],
                condition=~Q(state="cancelled"),
                name="one_live_delivery_per_dossier",
            ),
            models.UniqueConstraint(
                fields=["carrier", "order_number"],
                condition=~Q(order_number=""),
                name="delivery_order_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.item_number or f"#{self.pk}"

    @property
    def address(self) -> str:
        """The full address in the post-2025 two-level form: street, commune, province."""
        parts = [self.street, self.commune.name]
        if self.commune.parent_id:
            parts.append(self.commune.parent.name)
        return ", ".join(part for part in parts if part)


class TrackingEvent(models.Model):
    """One status the carrier reported (or staff recorded), appended and never edited. A
    report the delivery had already received is not stored twice (the carrier's event key)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=TrackingStatus.choices)
    at = models.DateTimeField(_("at (carrier's time)"))
    received_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The carrier's own id of the report, or one derived from status and time when it has none.
    event_key = models.CharField(max_length=80)
    source = models.CharField(_("source"), max_length=40)  # "callback", "poll", "demo", staff
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    carrier_code = models.CharField(_("carrier's code"), max_length=20, blank=True)
    # False when the report was older than the delivery's status, or not a move the tracking
    # table allows: kept for the timeline, without changing the state.
    applied = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "event_key"], name="tracking_event_once")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id}: {self.status}"


class PostageRate(models.Model):
    """One line of a centre's postage price list, as agreed with its post office: a document
    up to `up_to_grams` costs `same_province` inside the centre's province and `other_province`
    elsewhere. A centre with a price list prices from it; one without asks its carrier (the
    demo table, or VNPost's price call). Kept by the system administrator (Django admin)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    up_to_grams = models.PositiveIntegerField(_("up to (g)"))
    # Integer đồng (R21).
    same_province = models.PositiveBigIntegerField(_("inside the province (VND)"))
    other_province = models.PositiveBigIntegerField(_("to another province (VND)"))

    class Meta:
        ordering = ["agency", "up_to_grams"]
        verbose_name = _("postage rate")
        verbose_name_plural = _("postage price list")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "up_to_grams"], name="postage_rate_once_per_weight"
            ),
            models.CheckConstraint(condition=Q(up_to_grams__gt=0), name="postage_rate_weight"),
        ]

    def __str__(self) -> str:
        return f"≤ {self.up_to_grams} g"

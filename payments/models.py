"""What a dossier owes (obligations), each try to pay it (attempts) and the electronic fee
receipts issued for payments, with the per-agency, per-year series they are numbered from.
Money is a whole number of đồng in 64-bit integer columns, never a float."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.models import FeeMoment
from dossiers.models import Dossier, DossierFee
from org.models import Agency
from payments.states import AttemptState, Method, ObligationState


class ObligationKind(models.TextChoices):
    FEE = "fee", _("fee of the procedure")
    VARIABLE = "variable", _("amount set by the officer")
    # The applicant pays the post for the result's journey (Decision 45/2016): the carrier's
    # price or the centre's price list, owed from the choice at reception.
    POSTAGE = "postage", _("postage of the result by post")


class Obligation(models.Model):
    """One amount the dossier owes: a fee of the pinned procedure version for the dossier's
    channel (copied from its DossierFee), or an amount the officer sets where the law makes it
    variable (a land financial obligation). `base_amount` is what the rule or the officer
    fixed; `amount` what is owed after a reduction, which needs its legal reason."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="obligations")
    # Where it is collected, numbered and reconciled: the dossier's receiving point.
    agency = models.ForeignKey(
        Agency, verbose_name=_("collecting agency"), on_delete=models.PROTECT, related_name="+"
    )
    dossier_fee = models.OneToOneField(
        DossierFee, null=True, blank=True, on_delete=models.PROTECT, related_name="obligation"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ObligationKind.choices)
    name = models.CharField(_("what for"), max_length=255)
    collected_at = models.CharField(
        _("collected"), max_length=1, choices=FeeMoment.choices, default=FeeMoment.AT_RECEIPT
    )
    base_amount = models.PositiveBigIntegerField(_("amount before reduction (VND)"))
    amount = models.PositiveBigIntegerField(_("amount owed (VND)"))
    reason = models.CharField(
        _("legal reason"),
        max_length=500,
        blank=True,
        help_text=_("Why the amount was set, reduced or exempted, with the legal basis."),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ObligationState.choices, default=ObligationState.DUE
    )
    # Printed on the VietQR and typed by the citizen's bank in the transfer's description:
    # short, unaccented, unique, so a bank statement line finds its obligation.
    reference = models.CharField(_("payment reference"), max_length=20, unique=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "collected_at", "id"]
        verbose_name = _("financial obligation")
        verbose_name_plural = _("financial obligations")
        constraints = [
            # A reduction lowers the amount, never raises it.
            models.CheckConstraint(
                condition=Q(amount__lte=models.F("base_amount")),
                name="obligation_reduction_only_lowers",
            ),
            models.CheckConstraint(
                condition=Q(amount=models.F("base_amount")) | ~Q(reason=""),
                name="obligation_reduction_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state=ObligationState.WAIVED) | ~Q(reason=""),
                name="obligation_exemption_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ObligationKind.VARIABLE) | ~Q(reason=""),
                name="obligation_variable_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["agency", "state"], name="obligation_by_agency")]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    @property
    def reduced(self) -> bool:
        return self.amount != self.base_amount


class PaymentAttempt(models.Model):
    """One try to pay an obligation: at the counter (cash, POS, a confirmed VietQR transfer) or
    through a gateway. The gateway's transaction number and its raw signed answer are kept for
    audit; an answer is applied once."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="attempts")
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    gateway = models.CharField(_("gateway"), max_length=40, blank=True)  # plugin key
    state = models.CharField(
        _("state"), max_length=10, choices=AttemptState.choices, default=AttemptState.PENDING
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    # Our reference sent to the gateway (vnp_TxnRef and the like), unique.
    reference = models.CharField(_("our reference"), max_length=40, unique=True)
    transaction_no = models.CharField(_("gateway transaction number"), max_length=64, blank=True)
    raw_answer = models.JSONField(_("raw answer"), default=dict, blank=True)
    payer_name = models.CharField(_("payer"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        constraints = [
            # Two tries in flight could both succeed: one pending try per obligation, and one
            # success (the database refuses the second, whatever the race).
            models.UniqueConstraint(
                fields=["obligation"],
                condition=Q(state=AttemptState.PENDING),
                name="one_pending_attempt_per_obligation",
            ),
            models.UniqueConstraint(
                fields=["obligation"],
                condition=Q(state=AttemptState.SUCCEEDED),
                name="one_success_per_obligation",
            ),
            # A gateway's transaction pays once. Only successes: VNPay numbers a failed or
            # cancelled try "0", so failures share numbers.
            models.UniqueConstraint(
                fields=["gateway", "transaction_no"],
                condition=~Q(transaction_no="") & Q(state=AttemptState.SUCCEEDED),
                name="one_success_per_gateway_transaction",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(state=AttemptState.PENDING),
                name="pending_attempts",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ReceiptState(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("receipt", "issued")
    CANCELLED = "cancelled", pgettext_lazy("receipt", "cancelled")


class ReceiptSeries(models.Model):
    """The numbers of one agency's receipts in one year. The row is locked while a number is
    taken, inside the payment's transaction: a rolled-back payment gives its number back, so
    numbers never skip or repeat."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    symbol = models.CharField(_("series symbol"), max_length=20)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt series")
        verbose_name_plural = _("receipt series")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_series_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.year}"


class Receipt(models.Model):
    """An electronic receipt of a fee or charge (biên lai thu tiền phí, lệ phí) for one
    successful payment. Cancelling keeps the row and its number; a replacement is a new
    receipt with the next number, pointing at the one it replaces."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="receipts")
    form_code = models.CharField(_("form"), max_length=20)
    symbol = models.CharField(_("series symbol"), max_length=20)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("number"))
    payer_name = models.CharField(_("payer"), max_length=150)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        max_length=10, choices=ReceiptState.choices, default=ReceiptState.ISSUED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    # The key of the public verification page in the receipt's QR code: unguessable, so the
    # numbers of a series cannot be walked to read payers' names.
    token = models.CharField(max_length=32, unique=True)
    # The e-receipt provider that registered it (ereceipt plugin) and its reference there.
    provider = models.CharField(max_length=40, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("fee receipt")
        verbose_name_plural = _("fee receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"], name="one_receipt_per_number"
            ),
            models.UniqueConstraint(
                fields=["attempt"],
                condition=Q(state=ReceiptState.ISSUED),
                name="one_valid_receipt_per_payment",
            ),
            models.CheckConstraint(
                condition=Q(state=ReceiptState.ISSUED) | ~Q(cancel_reason=""),
                name="cancelled_receipt_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["agency", "issued_at"], name="receipts_by_day")]

    def __str__(self) -> str:
        return f"{self.symbol} {self.number:07d}"

    @property
    def number_text(self) -> str:
        return f"{self.number:07d}"


class CollectionAccount(models.Model):
    """The bank account an agency collects fees into: what its VietQR codes pay to."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    bank_bin = models.CharField(
        _("bank BIN"), max_length=6, help_text=_("The bank's 6-digit NAPAS identifier.")
    )
    bank_name = models.CharField(_("bank"), max_length=100)
    account_number = models.CharField(_("account number"), max_length=19)
    account_name = models.CharField(_("account holder"), max_length=100)

    class Meta:
        verbose_name = _("collection account")
        verbose_name_plural = _("collection accounts")

    def __str__(self) -> str:
        return f"{self.bank_name} {self.account_number}"


class GatewayAccount(models.Model):
    """An agency's merchant account at an online gateway (VNPay's TmnCode and its addresses):
    the configuration row an administrator keeps. The secret itself is never stored in the
    database nor in git: the row names the environment variable that holds it. Agencies without
    a row use the deployment's account from the environment (VNPAY_TMN_CODE, …)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("collecting agency"), on_delete=models.CASCADE, related_name="+"
    )
    gateway = models.CharField(_("gateway"), max_length=40, default="vnpay")  # plugin key
    merchant_code = models.CharField(_("merchant code"), max_length=40)
    secret_variable = models.CharField(
        _("environment variable with the secret"),
        max_length=100,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9_]*$", _("Capital letters, digits and _."))],
        help_text=_("Its name only, e.g. VNPAY_SECRET_XA_AN; the value is set on the server."),
    )
    pay_url = models.URLField(_("payment page address"), blank=True)
    api_url = models.URLField(_("query API address"), blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("online gateway account")
        verbose_name_plural = _("online gateway accounts")
        constraints = [
            models.UniqueConstraint(fields=["agency", "gateway"], name="one_account_per_gateway"),
            # The IPN names the merchant: one account answers for it.
            models.UniqueConstraint(
                fields=["gateway", "merchant_code"], name="one_agency_per_merchant_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.merchant_code}"

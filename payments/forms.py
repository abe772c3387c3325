"""The counter's payment forms: amounts are whole đồng typed as "150.000" or "150000"."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from payments.states import Method

AMOUNT_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "class": "input--money"}


class AmountField(forms.CharField):
    """A whole number of đồng; dots, spaces and a trailing "đ" are allowed as typed."""

    default_error_messages = {
        "invalid": _("Enter the amount as a whole number of đồng, e.g. 150.000."),
    }

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        digits = re.sub(r"[.\s]|đ$|đồng$", "", text.strip().lower())
        if not digits.isdigit() or len(digits) > 13:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(digits)


class CounterPaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Paid by"),
        choices=[(m, Method(m).label) for m in (Method.CASH, Method.POS, Method.VIETQR)],
        error_messages={"required": _("Choose how the amount was paid.")},
    )
    amount = AmountField(
        label=_("Amount received (VND)"),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
        error_messages={"required": _("Enter the amount received.")},
    )
    payer_name = forms.CharField(
        label=_("Payer"),
        max_length=150,
        error_messages={"required": _("Enter the payer's name: it is printed on the receipt.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Legal reason"),
        max_length=500,
        error_messages={"required": _("Give the legal reason.")},
    )


class RefundForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the refund"),
        max_length=500,
        error_messages={"required": _("Give the reason for the refund.")},
    )


class ReduceForm(ReasonForm):
    amount = AmountField(
        label=_("Amount after reduction (VND)"),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
        error_messages={"required": _("Enter the amount after reduction.")},
    )


class AddObligationForm(ReasonForm):
    name = forms.CharField(
        label=_("What for"),
        max_length=255,
        error_messages={"required": _("Say what the amount is for.")},
    )
    amount = AmountField(
        label=_("Amount (VND)"),
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
        error_messages={"required": _("Enter the amount.")},
    )


class CancelReceiptForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        error_messages={"required": _("Give the reason for cancelling the receipt.")},
    )
    replace = forms.BooleanField(label=_("Issue a replacement receipt"), required=False)
    payer_name = forms.CharField(
        label=_("Payer on the replacement"), max_length=150, required=False
    )

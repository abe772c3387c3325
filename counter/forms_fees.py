"""The fees of the reception form: the quantities each fee's rule needs (pages, copies, items),
the amount they come to, and a corrected amount with its reason. Quantities the e-form already
asks for (the fee's `pages_field`, `count_field`) are read there, never typed twice.

`fee_lines` computes from raw posted values without checking the rest of the form, so the page
can show the amount while the officer types (reception_fees) or after "Recompute the fees"."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.fees import (
    MAX_QUANTITY,
    MAX_RATE,
    Quantities,
    QuantityError,
    fee_amount,
    needs,
    quantity_label,
)
from catalog.models import Channel
from core.wording import money
from dossiers.fees import FeeCharge, applicable_fees

_AMOUNT = re.compile(r"^\s*(\d[\d.,\s]*)\s*(?:đ|đồng|d|vnd)?\s*$", re.IGNORECASE)


def _number(raw) -> int | str:
    """A whole number typed in a box, or the text as typed (the rule then says why not)."""
    text = (raw or "").strip()
    if re.fullmatch(r"[+-]?\d+", text):
        # Past 12 digits the number only needs to be "too large".
        return int(text) if len(text.lstrip("+-")) <= 12 else MAX_QUANTITY + 1
    return text


def parse_amount(raw) -> int | None:
    """ "10.000", "10000", "10.000 đ" → 10000; "" → None; ValueError for anything else."""
    text = (raw or "").strip()
    if not text:
        return None
    match = _AMOUNT.match(text)
    if match is None:
        raise ValueError(text)
    return int(re.sub(r"[.,\s]", "", match.group(1)))


@dataclass
class FeeLine:
    """One fee as the reception shows it: the boxes it needs, where the e-form gives a quantity
    instead, and what it comes to (None, with `message`, while a quantity is missing)."""

    fee: object
    names: dict[str, str]  # "pages" / "count" / "amount" / "reason" → form field name
    linked: dict[str, str] = field(default_factory=dict)  # quantity → e-form field label
    linked_inputs: list[str] = field(default_factory=list)  # their names in the posted form
    computed: int | None = None
    charged: int | None = None
    message: str = ""
    problem_field: str = ""  # the quantity `message` is about
    bound: dict = field(default_factory=dict)  # filled by the form: name → BoundField

    @property
    def pk(self) -> int:
        return self.fee.pk

    @property
    def quantities(self) -> list:
        return [self.bound[name] for name in ("pages", "count") if name in self.bound]

    @property
    def correcting(self) -> bool:
        """The officer typed another amount or a reason: the correction stays open."""
        return any(
            (self.bound[name].value() or "").strip() for name in ("amount", "reason")
        ) or bool(self.bound["amount"].errors or self.bound["reason"].errors)


def counter_fees(version) -> list:
    return applicable_fees(version, Channel.DIRECT)


def fee_lines(fees, data, eform_fields=()) -> list[FeeLine]:
    """The fees of the counter with what the posted `data` makes of them (nothing is checked
    but the quantities; `data` None: the page as first shown)."""
    labels = {item.key: item.label for item in eform_fields}
    lines = []
    for fee in fees:
        rule = fee.rule
        prefix = f"fee_{fee.pk}_"
        line = FeeLine(fee=fee, names={"amount": prefix + "amount", "reason": prefix + "reason"})
        values = {}
        for name in needs(rule):
            key = fee.pages_field if name == "pages" else fee.count_field
            if key and key in labels:
                line.linked[name] = labels[key]
                line.linked_inputs.append(f"ef-{key}")
                values[name] = _number((data or {}).get(f"ef-{key}"))
            else:
                line.names[name] = prefix + name
                values[name] = _number((data or {}).get(prefix + name))
        try:
            line.computed = fee_amount(rule, Quantities(**values))
        except QuantityError as error:
            line.message, line.problem_field = error.message, error.field
            if name_from := line.linked.get(error.field):
                line.message = _("%(message)s (declaration: “%(field)s”)") % {
                    "message": error.message,
                    "field": name_from,
                }
        line.charged = line.computed
        if data is not None:
            try:
                amount = parse_amount(data.get(line.names["amount"]))
            except ValueError:
                amount = None
            if amount is not None:
                line.charged = amount
        lines.append(line)
    return lines


def quantity_field(rule, name: str) -> forms.CharField:
    # Text, not a number input: the rule reads "3 trang" or "-1" and says why it is wrong in
    # Vietnamese, instead of the browser refusing silently.
    return forms.CharField(
        label=quantity_label(rule, name).capitalize(),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "data-fee-input": ""}
        ),
    )


def add_fee_fields(form: forms.Form, fees, eform_fields) -> None:
    """A box per quantity each fee needs, and the corrected amount and its reason."""
    form.fee_lines = fee_lines(fees, form.data if form.is_bound else None, eform_fields)
    for line in form.fee_lines:
        for name in ("pages", "count"):
            if name in line.names:
                form.fields[line.names[name]] = quantity_field(line.fee.rule, name)
        form.fields[line.names["amount"]] = forms.CharField(
            label=gettext_lazy("Amount charged (đ)"),
            required=False,
            max_length=20,
            help_text=gettext_lazy("Leave empty to charge the amount computed."),
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "data-fee-input": ""}
            ),
        )
        form.fields[line.names["reason"]] = forms.CharField(
            label=gettext_lazy("Reason for the other amount"),
            required=False,
            max_length=500,
            help_text=gettext_lazy("E.g. exempt as a poor household (Decision no. …)."),
        )


def bind_fee_lines(form: forms.Form) -> list[FeeLine]:
    for line in form.fee_lines:
        line.bound = {key: form[name] for key, name in line.names.items()}
    return form.fee_lines


def clean_fees(form: forms.Form) -> None:
    """Every fee computed from valid quantities, and any other amount explained."""
    for line in form.fee_lines:
        if line.message:
            target = line.names.get(line.problem_field, line.names["amount"])
            if target not in form.errors:  # a box too long for its field says so already
                form.add_error(target, line.message)
            continue
        if line.names["amount"] in form.errors:
            continue
        raw = form.data.get(line.names["amount"])
        try:
            amount = parse_amount(raw)
        except ValueError:
            form.add_error(
                line.names["amount"],
                _("Enter the amount in đồng as digits, e.g. 10.000."),
            )
            continue
        if amount is not None and amount > MAX_RATE:
            form.add_error(line.names["amount"], _("The amount is too large."))
            continue
        reason = " ".join((form.data.get(line.names["reason"]) or "").split())
        if amount is not None and amount != line.computed and not reason:
            form.add_error(
                line.names["reason"],
                _(
                    "Say why %(charged)s is charged instead of the %(computed)s the rule "
                    "gives: the correction is recorded with its reason."
                )
                % {"charged": money(amount), "computed": money(line.computed)},
            )


def fee_charges(form: forms.Form) -> list[FeeCharge]:
    """What the reception service charges, from a valid form."""
    charges = []
    for line in form.fee_lines:
        values = {
            name: int(_number(form.data.get(f"ef-{key}")))
            for name, key in (("pages", line.fee.pages_field), ("count", line.fee.count_field))
            if name in line.linked
        }
        for name in ("pages", "count"):
            if name in line.names:
                values[name] = int(_number(form.cleaned_data[line.names[name]]))
        amount = parse_amount(form.cleaned_data[line.names["amount"]])
        charges.append(
            FeeCharge(
                fee_id=line.pk,
                amount=amount,
                reason=" ".join(form.cleaned_data[line.names["reason"]].split()),
                **values,
            )
        )
    return charges


def linked_selector(lines: list[FeeLine]) -> str:
    """The e-form inputs the fees read quantities from, for the page's script to watch."""
    names = sorted({name for line in lines for name in line.linked_inputs})
    return ", ".join(f'[name="{name}"]' for name in names)


def fee_total(lines: list[FeeLine]) -> int | None:
    if any(line.charged is None for line in lines):
        return None
    return sum(line.charged for line in lines)

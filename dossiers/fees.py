"""The fees of a new dossier: each catalogue fee computed from the quantities the counter entered
(catalog.fees), charged as computed or, with a reason, corrected. Called by the reception
service inside its transaction; a correction is audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.fees import MAX_RATE, FeeRule, Quantities, QuantityError, fee_amount, needs
from catalog.models import Fee, ProcedureVersion
from core.audit import audit_record
from core.wording import money
from dossiers.models import Dossier, DossierFee


@dataclass(frozen=True)
class FeeCharge:
    """What the counter entered for one catalogue fee: the quantities the rule needs and, when
    the officer charges another amount, that amount and why."""

    fee_id: int
    pages: int | None = None
    count: int | None = None
    amount: int | None = None  # None: the amount the rule gives
    reason: str = ""


def applicable_fees(version: ProcedureVersion, channel: str) -> list[Fee]:
    return [fee for fee in version.fees.all() if not fee.channel or fee.channel == channel]


def _from_form(fee: Fee, form_data: dict) -> Quantities | None:
    """The quantities the e-form asked for, when the fee reads them there and they are set."""
    values = {}
    for name, key in (("pages", fee.pages_field), ("count", fee.count_field)):
        if name in needs(fee.rule):
            value = form_data.get(key) if key else None
            if not isinstance(value, int) or isinstance(value, bool):
                return None
            values[name] = value
    return Quantities(**values)


def _row(dossier: Dossier, fee: Fee, charge: FeeCharge | None, form_data: dict) -> DossierFee:
    rule = FeeRule.of(fee)
    row = DossierFee(
        dossier=dossier,
        name=fee.name,
        collected_at=fee.collected_at,
        unit=fee.unit,
        item_name=fee.item_name,
    )
    if charge is None:
        quantities = Quantities() if rule.is_fixed else _from_form(fee, form_data)
        if quantities is None:
            # A fee over quantities nobody entered (a channel that does not ask yet): the
            # catalogue's rate, as before quantities were entered, marked as not computed.
            row.amount = fee.amount
            return row
    else:
        quantities = Quantities(pages=charge.pages, count=charge.count)
    try:
        row.computed_amount = fee_amount(rule, quantities)
    except QuantityError as error:
        raise ValidationError(f"{fee.name}: {error.message}") from None
    row.pages, row.count = quantities.pages, quantities.count
    row.amount = row.computed_amount
    if charge is not None and charge.amount is not None and charge.amount != row.amount:
        reason = " ".join(charge.reason.split())[:500]
        if not reason:
            raise ValidationError(
                _("“%(fee)s”: give the reason for charging %(charged)s instead of %(computed)s.")
                % {
                    "fee": fee.name,
                    "charged": money(charge.amount),
                    "computed": money(row.computed_amount),
                }
            )
        if not 0 <= charge.amount <= MAX_RATE:
            raise ValidationError(_("“%(fee)s”: the amount is too large.") % {"fee": fee.name})
        row.amount, row.correction_reason = charge.amount, reason
    return row


def dossier_fees_record(
    *,
    dossier: Dossier,
    version: ProcedureVersion,
    channel: str,
    charges: list[FeeCharge] | None,
    form_data: dict,
    actor,
    agency_code: str,
) -> list[DossierFee]:
    """Store the dossier's fees. Without `charges` (a channel where nobody enters quantities)
    each fee is its fixed amount, or computed from the e-form's quantities where it reads them.
    With them, every fee must have its charge; ValidationError names what is wrong."""
    by_fee = {charge.fee_id: charge for charge in charges or ()}
    rows = []
    for fee in applicable_fees(version, channel):
        charge = by_fee.get(fee.pk)
        if charges is not None and charge is None:
            charge = FeeCharge(fee_id=fee.pk)
        rows.append(_row(dossier, fee, charge, form_data))
    DossierFee.objects.bulk_create(rows)
    for row in rows:
        if row.corrected:
            audit_record(
                action="dossier_fee_correct",
                actor=actor,
                agency_code=agency_code,
                obj=dossier,
                old={"fee": row.name, "amount": row.computed_amount},
                new={"fee": row.name, "amount": row.amount, "reason": row.correction_reason},
            )
    return rows

"""Fees computed from quantities (pages, copies, items), as a small declarative rule checked,
computed and put into words without the database. Money is a whole number of đồng.

The case that needs it: certifying copies from originals costs 2.000 đ a page for the first two
pages and 1.000 đ a page from the third, at most 200.000 đ a copy, for each copy (Circular
226/2016/TT-BTC) — a 3-page original certified twice costs 10.000 đ.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from core.wording import money

# Far above any real dossier (the seed e-form allows 1,000 pages and 100 copies), low enough
# that no product of quantities and rates comes near the 64-bit amount columns.
MAX_QUANTITY = 100_000
MAX_RATE = 1_000_000_000_000


class FeeUnit(models.TextChoices):
    """What a fee's rate is for; empty for a fixed amount per dossier."""

    FIXED = "", gettext_lazy("fixed amount per dossier")
    PAGE = "page", gettext_lazy("per page of the original, for each copy")
    COPY = "copy", gettext_lazy("per copy")
    ITEM = "item", gettext_lazy("per item (case, document, transaction…)")


@dataclass(frozen=True)
class Tier:
    """From the `start`-th page (copy, item) on, each costs `rate`."""

    start: int
    rate: int


@dataclass(frozen=True)
class FeeRule:
    """`amount` is the fixed amount, or the rate from the first page (copy, item) on; `tiers`
    are the later rates; `cap_per_copy` bounds a copy's page total; `minimum` the whole fee."""

    amount: int
    unit: str = FeeUnit.FIXED
    tiers: tuple[Tier, ...] = ()
    cap_per_copy: int | None = None
    minimum: int | None = None
    item_name: str = ""

    @classmethod
    def of(cls, fee) -> "FeeRule":
        """The rule of a catalogue fee (or of anything with the same attributes)."""
        return cls(
            amount=fee.amount,
            unit=fee.unit,
            tiers=tiers_from_data(fee.tiers),
            cap_per_copy=fee.cap_per_copy,
            minimum=fee.minimum,
            item_name=fee.item_name,
        )

    @property
    def is_fixed(self) -> bool:
        return self.unit == FeeUnit.FIXED


@dataclass(frozen=True)
class Quantities:
    """`pages` of the original (per-page fees only) and `count`: copies, or items."""

    pages: int | None = None
    count: int | None = None


class QuantityError(ValueError):
    """A quantity is missing or impossible; `field` is "pages" or "count"."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def needs(rule: FeeRule) -> tuple[str, ...]:
    """The quantities the counter must enter for this rule, in the order it asks for them."""
    if rule.unit == FeeUnit.PAGE:
        return ("pages", "count")
    if rule.unit in (FeeUnit.COPY, FeeUnit.ITEM):
        return ("count",)
    return ()


def fee_amount(rule: FeeRule, quantities: Quantities = Quantities()) -> int:
    """What the fee comes to for these quantities; QuantityError if one is missing or wrong."""
    if rule.is_fixed:
        return rule.amount
    for name in needs(rule):
        _check_quantity(rule, name, getattr(quantities, name))
    if rule.unit == FeeUnit.PAGE:
        per_copy = _tiered(rule, quantities.pages)
        if rule.cap_per_copy is not None:
            per_copy = min(per_copy, rule.cap_per_copy)
        total = per_copy * quantities.count
    else:
        total = _tiered(rule, quantities.count)
    if rule.minimum is not None:
        total = max(total, rule.minimum)
    return total


def _tiered(rule: FeeRule, units: int) -> int:
    """The sum of the rates of units 1..`units`, each at the rate of the tier it falls in."""
    starts = [Tier(1, rule.amount), *rule.tiers]
    total = 0
    for tier, following in zip(starts, [*starts[1:], None], strict=True):
        last = units if following is None else min(units, following.start - 1)
        if last >= tier.start:
            total += (last - tier.start + 1) * tier.rate
    return total


def _check_quantity(rule: FeeRule, name: str, value: Any) -> None:
    values = {"quantity": quantity_label(rule, name)}
    if value is None or value == "":
        message = _("Enter the %(quantity)s.")
    elif isinstance(value, bool) or not isinstance(value, int):
        message = _("The %(quantity)s is a whole number.")
    elif value < 1:
        message = _("The %(quantity)s is at least 1.")
    elif value > MAX_QUANTITY:
        message = _("The %(quantity)s is at most %(limit)s.")
        values["limit"] = f"{MAX_QUANTITY:,}".replace(",", ".")
    else:
        return
    raise QuantityError(name, capfirst(message % values))


def quantity_label(rule: FeeRule, name: str) -> str:
    """ "number of pages of the original", "number of copies", "number of trường hợp"."""
    if name == "pages":
        return _("number of pages of the original")
    if rule.unit == FeeUnit.ITEM:
        return _("number of %(items)s") % {"items": _unit_noun(rule)}
    return _("number of copies")


# --- Checking a rule ------------------------------------------------------------------------


def rule_problems(rule: FeeRule) -> list[tuple[str, str]]:
    """(field, message) for each thing wrong with the rule; empty when it can be used.

    Types are checked where the rule is read (a form, the import); this checks how the parts
    fit together."""
    problems = []
    if rule.unit not in FeeUnit.values:
        return [("unit", _("Choose how the fee is computed."))]
    if rule.amount > MAX_RATE:
        problems.append(("amount", _("The amount is too large.")))
    if rule.is_fixed:
        for name, value in (
            ("tiers", rule.tiers),
            ("cap_per_copy", rule.cap_per_copy),
            ("minimum", rule.minimum),
            ("item_name", rule.item_name),
        ):
            if value not in ((), None, ""):
                problems.append((name, _("Only for a fee computed from quantities.")))
        return problems
    previous = 1
    for tier in rule.tiers:
        if tier.start <= previous:
            problems.append(
                (
                    "tiers",
                    _(
                        "Each later rate starts after the one before it, from the 2nd "
                        "%(unit)s on (%(start)d is not)."
                    )
                    % {"unit": _unit_noun(rule), "start": tier.start},
                )
            )
            break
        if tier.rate > MAX_RATE or tier.start > MAX_QUANTITY:
            problems.append(("tiers", _("A later rate or its start is too large.")))
            break
        previous = tier.start
    if rule.cap_per_copy is not None and rule.unit != FeeUnit.PAGE:
        problems.append(("cap_per_copy", _("A cap per copy applies only to a fee per page.")))
    if rule.cap_per_copy == 0:
        problems.append(("cap_per_copy", _("Leave the cap empty, or give an amount above 0.")))
    if rule.item_name and rule.unit != FeeUnit.ITEM:
        problems.append(("item_name", _("Only a fee per item names its item.")))
    return problems


def link_problems(
    unit: str, *, pages_field: str, count_field: str, number_fields: set[str]
) -> list[tuple[str, str]]:
    """(field, message) for e-form links that do not fit the rule or the version's e-form,
    whose number fields (their keys) are `number_fields`."""
    problems = []
    if pages_field and unit != FeeUnit.PAGE:
        problems.append(("pages_field", _("Only a fee per page reads pages from the e-form.")))
    elif pages_field and pages_field not in number_fields:
        problems.append(("pages_field", _no_number_field(pages_field)))
    if count_field and unit == FeeUnit.FIXED:
        problems.append(
            ("count_field", _("Only a fee computed from quantities reads them from the e-form."))
        )
    elif count_field and count_field not in number_fields:
        problems.append(("count_field", _no_number_field(count_field)))
    return problems


def _no_number_field(key: str) -> str:
    return _("The e-form of this version has no number field “%(key)s”.") % {"key": key}


# --- Later rates as the editor shows them ---------------------------------------------------

_TIER_LINE = re.compile(r"^\s*(\d+)\s*[:=]\s*(\d[\d.\s]*)\s*(?:đ|đồng|d)?\s*$", re.IGNORECASE)


def tiers_from_data(data: Any) -> tuple[Tier, ...]:
    """[{"from": 3, "rate": 1000}] as stored and exchanged → (Tier(3, 1000),)."""
    return tuple(Tier(int(item["from"]), int(item["rate"])) for item in data or ())


def tiers_data(tiers: tuple[Tier, ...]) -> list[dict[str, int]]:
    return [{"from": tier.start, "rate": tier.rate} for tier in tiers]


def tiers_text(tiers: tuple[Tier, ...]) -> str:
    """One "3: 1000" line per tier, as the editor shows them."""
    return "\n".join(f"{tier.start}: {tier.rate}" for tier in tiers)


def parse_tiers(text: str) -> tuple[Tier, ...]:
    """Lines "3: 1000" (or "3 = 1.000 đ") → tiers; ValueError naming the line it cannot read."""
    tiers = []
    for number, line in enumerate(text.replace(";", "\n").splitlines(), start=1):
        if not line.strip():
            continue
        match = _TIER_LINE.match(line)
        if match is None:
            raise ValueError(
                _('Line %(line)d: write "from which one: rate", e.g. "3: 1000".') % {"line": number}
            )
        rate = int(re.sub(r"[.\s]", "", match.group(2)))
        tiers.append(Tier(int(match.group(1)), rate))
    return tuple(tiers)


# --- In words -------------------------------------------------------------------------------

# Ordinals as a rule reads them: "trang thứ nhất", "từ trang thứ ba" (in English "the first
# page", "from the third page").
_ORDINALS = {
    1: pgettext_lazy("ordinal", "first"),
    2: pgettext_lazy("ordinal", "second"),
    3: pgettext_lazy("ordinal", "third"),
    4: pgettext_lazy("ordinal", "fourth"),
    5: pgettext_lazy("ordinal", "fifth"),
    6: pgettext_lazy("ordinal", "sixth"),
    7: pgettext_lazy("ordinal", "seventh"),
    8: pgettext_lazy("ordinal", "eighth"),
    9: pgettext_lazy("ordinal", "ninth"),
    10: pgettext_lazy("ordinal", "tenth"),
}


def _ordinal(number: int) -> str:
    if number in _ORDINALS:
        return str(_ORDINALS[number])
    return pgettext("ordinal", "%(number)dth") % {"number": number}


def _unit_noun(rule: FeeRule) -> str:
    if rule.unit == FeeUnit.PAGE:
        return pgettext("fee unit", "page")
    if rule.unit == FeeUnit.COPY:
        return pgettext("fee unit", "copy")
    return rule.item_name or pgettext("fee unit", "case")


def rule_words(rule: FeeRule) -> str:
    """The rule as the public reads it: "2.000 đ/trang cho trang thứ nhất và thứ hai; 1.000
    đ/trang từ trang thứ ba; tối đa 200.000 đ/bản"; a fixed fee is its amount."""
    if rule.is_fixed:
        return money(rule.amount)
    unit = _unit_noun(rule)
    starts = [Tier(1, rule.amount), *rule.tiers]
    parts = []
    for tier, following in zip(starts, [*starts[1:], None], strict=True):
        values = {"rate": money(tier.rate), "unit": unit, "first": _ordinal(tier.start)}
        if following is None:
            text = (
                _("%(rate)s/%(unit)s") % values
                if tier.start == 1
                else _("%(rate)s/%(unit)s from the %(first)s %(unit)s on") % values
            )
        elif following.start - tier.start == 1:
            text = _("%(rate)s/%(unit)s for the %(first)s %(unit)s") % values
        elif following.start - tier.start == 2:
            values["second"] = _ordinal(tier.start + 1)
            text = _("%(rate)s/%(unit)s for the %(first)s and %(second)s %(unit)s") % values
        else:
            values["last"] = _ordinal(following.start - 1)
            text = _("%(rate)s/%(unit)s from the %(first)s to the %(last)s %(unit)s") % values
        parts.append(text)
    if rule.cap_per_copy is not None:
        parts.append(_("at most %(cap)s/copy") % {"cap": money(rule.cap_per_copy)})
    if rule.minimum is not None:
        parts.append(_("at least %(minimum)s") % {"minimum": money(rule.minimum)})
    return "; ".join(parts)


def quantity_words(rule: FeeRule, quantities: Quantities) -> str:
    """ "3 trang × 2 bản", "2 bản", "3 trường hợp"; empty for a fixed fee."""
    count = quantities.count
    if rule.is_fixed or count is None:
        return ""
    if rule.unit == FeeUnit.ITEM:
        if rule.item_name:
            return f"{count} {rule.item_name}"
        return ngettext("%(count)d case", "%(count)d cases", count) % {"count": count}
    copies = ngettext("%(count)d copy", "%(count)d copies", count) % {"count": count}
    if rule.unit == FeeUnit.COPY or quantities.pages is None:
        return copies
    pages = ngettext("%(count)d page", "%(count)d pages", quantities.pages) % {
        "count": quantities.pages
    }
    return f"{pages} × {copies}"

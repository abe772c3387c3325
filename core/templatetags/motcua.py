"""Template filters for Vietnamese formats: amounts like 50.000 đ, phones like 0912 345 678."""

from django import template

from core.phones import format_phone
from core.wording import money

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """50000 → '50.000 đ' (Vietnamese groups thousands with dots)."""
    try:
        return money(int(amount))
    except (TypeError, ValueError):
        return ""


@register.filter
def phone(stored) -> str:
    """'0912345678' → '0912 345 678'; a number that does not parse is shown as stored."""
    return format_phone(str(stored or ""))

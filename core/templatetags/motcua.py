"""Template filters for Vietnamese formats: amounts like 50.000 đ."""

from django import template

from core.wording import money

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """50000 → '50.000 đ' (Vietnamese groups thousands with dots)."""
    try:
        return money(int(amount))
    except (TypeError, ValueError):
        return ""

"""Diacritic-free search over procedures: each version stores its folded text once."""

from django.db.models import Q, QuerySet

from core.text import fold, search_terms


def version_search_text(version) -> str:
    procedure = version.procedure
    parts = [procedure.national_code, procedure.local_code, version.name, version.field.name]
    return fold(" ".join(part for part in parts if part))


def filter_by_terms(versions: QuerySet, query: str) -> QuerySet:
    """Every word of the query must appear in the folded text, in any order: "khai sinh dang
    ky" finds "Đăng ký khai sinh"; "1.001193" finds it by code."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(search_text__contains=term)
    return versions.filter(condition)

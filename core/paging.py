"""Paging without a total: for long lists (every dossier of a commune over years) where counting
the rows would cost more than showing the page. The page answers the same questions as
Django's `Page` that our pager template asks, except how many pages there are."""

from dataclasses import dataclass

from django.db.models import QuerySet

# Deeper pages are refused rather than asking the database to skip millions of rows; search or
# a filter reaches old dossiers faster than paging back to them.
MAX_PAGE = 400


@dataclass
class UncountedPage:
    object_list: list
    number: int
    more: bool  # a row exists after this page
    paginator = None  # the template shows "Page N" without "of M"

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number_from(raw) -> int:
    """A page number from the query string: anything that is not a number from 1 to MAX_PAGE
    gives the nearest valid page, as Django's `Paginator.get_page` does."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def uncounted_page(rows: QuerySet, *, number, per_page: int) -> UncountedPage:
    """One page of `rows` with one query: the page and one row more, to know whether a next
    page exists."""
    number = page_number_from(number)
    start = (number - 1) * per_page
    items = list(rows[start : start + per_page + 1])
    return UncountedPage(object_list=items[:per_page], number=number, more=len(items) > per_page)

"""Paging without a total: page numbers from the query string and the next-page probe."""

import pytest

from core.models import CalendarOverride
from core.paging import MAX_PAGE, page_number_from, uncounted_page


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (None, 1),
        ("", 1),
        ("abc", 1),
        ("0", 1),
        ("-3", 1),
        ("2", 2),
        ("2.5", 1),
        (str(MAX_PAGE + 1), MAX_PAGE),
        ("9" * 40, MAX_PAGE),
    ],
)
def test_any_page_number_typed_in_the_address_gives_a_valid_page(raw, number):
    assert page_number_from(raw) == number


@pytest.mark.django_db
def test_a_page_knows_whether_another_follows_without_counting(django_assert_num_queries):
    rows = CalendarOverride.objects.order_by("date")
    total = rows.count()
    assert total >= 3  # the official swaps shipped with the calendar
    with django_assert_num_queries(1):
        first = uncounted_page(rows, number=1, per_page=total - 1)
    assert (len(first), first.has_next(), first.has_previous()) == (total - 1, True, False)
    last = uncounted_page(rows, number=2, per_page=total - 1)
    assert (len(last), last.has_next(), last.has_previous()) == (1, False, True)
    assert list(first) + list(last) == list(rows)

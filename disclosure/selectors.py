"""Reads of the disclosure register: the public site's items, the staff register and queues."""

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from core.text import search_terms
from disclosure.access import readable_agency_ids, scope
from disclosure.models import DisclosureItem, Hamlet, ItemStatus
from disclosure.rules import OnTimeRate, on_time_rate
from org.models import Agency


def today() -> date:
    return timezone.localdate()


def public_predicate(day: date) -> Q:
    """The one rule of the public site: published, and `day` inside its window."""
    return Q(status=ItemStatus.PUBLISHED, publish_from__lte=day) & (
        Q(publish_until__isnull=True) | Q(publish_until__gte=day)
    )


def public_items(
    *,
    day: date,
    category: str = "",
    hamlet_id: int | None = None,
    agency_code: str = "",
    query: str = "",
) -> QuerySet[DisclosureItem]:
    items = DisclosureItem.objects.filter(public_predicate(day)).select_related("agency", "hamlet")
    if category:
        items = items.filter(category=category)
    if hamlet_id:
        items = items.filter(hamlet_id=hamlet_id)
    if agency_code:
        items = items.filter(agency__code=agency_code)
    for term in search_terms(query):
        items = items.filter(search_text__contains=term)
    return items.order_by("-publish_from", "-id")


def public_item(pk: int, *, day: date) -> DisclosureItem:
    item = (
        DisclosureItem.objects.filter(public_predicate(day))
        .select_related("agency", "hamlet")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def public_hamlets() -> QuerySet[Hamlet]:
    return Hamlet.objects.select_related("agency").order_by("agency__name", "name")


def public_agencies(day: date) -> QuerySet[Agency]:
    ids = DisclosureItem.objects.filter(public_predicate(day)).values("agency_id")
    return Agency.objects.filter(id__in=ids).order_by("name")


def staff_items(
    user, *, state: str = "", category: str = "", query: str = "", day: date
) -> QuerySet[DisclosureItem]:
    items = scope(DisclosureItem.objects.all(), user).select_related("agency", "hamlet")
    if category:
        items = items.filter(category=category)
    for term in search_terms(query):
        items = items.filter(search_text__contains=term)
    if state == "overdue":
        items = items.filter(first_published_on__isnull=True, due_on__lt=day).exclude(
            status=ItemStatus.WITHDRAWN
        )
        return items.order_by("due_on", "id")
    if state == "pending":
        items = items.filter(first_published_on__isnull=True).exclude(status=ItemStatus.WITHDRAWN)
        return items.order_by("due_on", "id")
    if state == "public":
        return items.filter(public_predicate(day))
    if state == "archive":
        return items.filter(
            Q(status=ItemStatus.WITHDRAWN) | Q(status=ItemStatus.PUBLISHED, publish_until__lt=day)
        ).order_by("-publish_until", "-id")
    return items.order_by("-id")


def staff_item(user, pk: int) -> DisclosureItem:
    item = (
        scope(DisclosureItem.objects.all(), user)
        .select_related("agency", "hamlet", "created_by")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def overdue_count_and_first(user, *, day: date, limit: int = 5):
    items = staff_items(user, state="overdue", day=day)
    return items.count(), list(items[:limit])


def hamlets_for(user) -> QuerySet[Hamlet]:
    return scope(Hamlet.objects.select_related("agency"), user).order_by("agency__name", "name")


def agencies_for(user) -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True, id__in=readable_agency_ids(user)).order_by("name")


def on_time_by_agency(user, *, year: int, day: date) -> list[tuple[Agency, OnTimeRate]]:
    """The "disclosed on time" rate of each visible agency for items due in `year`."""
    rows = (
        scope(DisclosureItem.objects.all(), user)
        .filter(due_on__year=year, category__in=_counted_categories())
        .values_list("agency_id", "due_on", "first_published_on")
    )
    by_agency: dict[int, list] = {}
    for agency_id, due, posted in rows:
        by_agency.setdefault(agency_id, []).append((due, posted))
    agencies = Agency.objects.in_bulk(list(by_agency))
    return sorted(
        (
            (agencies[agency_id], on_time_rate(pairs, today=day))
            for agency_id, pairs in by_agency.items()
        ),
        key=lambda pair: pair[0].name,
    )


def _counted_categories() -> list[str]:
    from disclosure.rules import CATEGORIES

    return [key for key, category in CATEGORIES.items() if not category.catalogue_link]


def calendar_items(user, *, first: date, last: date) -> QuerySet[DisclosureItem]:
    """Items due between `first` and `last`, and every overdue one, by due day."""
    return (
        scope(DisclosureItem.objects.all(), user)
        .filter(
            Q(due_on__range=(first, last)) | Q(first_published_on__isnull=True, due_on__lt=first)
        )
        .exclude(status=ItemStatus.WITHDRAWN, first_published_on__isnull=True)
        .select_related("agency", "hamlet")
        .order_by("due_on", "id")
    )

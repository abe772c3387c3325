"""Portal access statistics without personal data: the seeds' "Thống kê truy cập".

The middleware adds one to an in-process tally per (day, page group) and per minute for each
public page served; nothing about the visitor is read (no address, no cookie, no user agent).
Each worker process writes its tally to the database at most once every
ACCESS_STATS_FLUSH_SECONDS (60 by default), in one short transaction, so a page view costs no
query. A view not yet written is at most that old.
"""

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from core.workdays import VIETNAM
from reports.models import PageViews, RecentViews

logger = logging.getLogger(__name__)

# Public paths by their first segment, the group they are counted in. Staff, admin, files,
# static and API paths are not counted.
GROUPS = {
    "": "home",
    "thu-tuc": "catalogue",
    "tra-cuu": "lookup",
    "lich-truc": "roster",
    "thong-ke-truy-cap": "access",
}
NOW_WINDOW = timedelta(minutes=5)


def page_group(path: str) -> str | None:
    """The group a public path is counted in, or None when it is not counted."""
    first = path.strip("/").split("/", 1)[0]
    return GROUPS.get(first)


class Tally:
    """The views this process has counted and not written yet."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.days: Counter = Counter()
        self.minutes: Counter = Counter()
        self.last_flush = time.monotonic()

    def add(self, group: str, moment: datetime) -> None:
        local = moment.astimezone(VIETNAM)
        with self.lock:
            self.days[(local.date(), group)] += 1
            self.minutes[moment.replace(second=0, microsecond=0)] += 1

    def due(self) -> bool:
        every = getattr(settings, "ACCESS_STATS_FLUSH_SECONDS", 60)
        return every is not None and time.monotonic() - self.last_flush >= every

    def flush(self, *, now: datetime | None = None) -> None:
        """Write the tally: one upsert per (day, group) and per minute, the minutes older than
        an hour deleted. On a database error the tally is kept for the next try."""
        with self.lock:
            days, minutes = self.days, self.minutes
            self.days, self.minutes = Counter(), Counter()
            self.last_flush = time.monotonic()
        try:
            with transaction.atomic():
                for (day, group), views in sorted(days.items()):
                    _add(PageViews, {"day": day, "group": group}, views)
                for minute, views in sorted(minutes.items()):
                    _add(RecentViews, {"minute": minute}, views)
                cutoff = (now or timezone.now()) - timedelta(hours=1)
                RecentViews.objects.filter(minute__lt=cutoff).delete()
        except DatabaseError:
            logger.warning("Access counts not written; kept for the next try.")
            with self.lock:
                self.days.update(days)
                self.minutes.update(minutes)


def _add(model, key: dict, views: int) -> None:
    if model.objects.filter(**key).update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, views=views)
    except IntegrityError:  # another process created it first
        model.objects.filter(**key).update(views=F("views") + views)


TALLY = Tally()


class AccessCounterMiddleware:
    """Counts public pages served successfully (GET, HTML, status 200)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        group = page_group(request.path_info)
        if (
            group is not None
            and request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            TALLY.add(group, timezone.now())
            if TALLY.due():
                TALLY.flush()
        return response


@dataclass(frozen=True)
class AccessFigures:
    now: int  # views in the last five minutes
    today: int
    week: int  # since Monday
    month: int
    total: int


def access_figures(*, now: datetime | None = None) -> AccessFigures:
    """The seeds' five figures, from what is written. Two queries."""
    now = now or timezone.now()
    today = now.astimezone(VIETNAM).date()
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    sums = PageViews.objects.aggregate(
        today=Sum("views", filter=_on_or_after(today)),
        week=Sum("views", filter=_on_or_after(monday)),
        month=Sum("views", filter=_on_or_after(first)),
        total=Sum("views"),
    )
    recent = RecentViews.objects.filter(minute__gt=now - NOW_WINDOW).aggregate(n=Sum("views"))
    return AccessFigures(
        now=recent["n"] or 0,
        today=sums["today"] or 0,
        week=sums["week"] or 0,
        month=sums["month"] or 0,
        total=sums["total"] or 0,
    )


def _on_or_after(day: date):
    from django.db.models import Q

    return Q(day__gte=day)


def views_by_day(*, first_day: date, last_day: date) -> list[tuple[date, dict[str, int]]]:
    """Views per day and group in the period, newest first: the reports' table."""
    rows: dict[date, dict[str, int]] = {}
    for day, group, views in PageViews.objects.filter(
        day__gte=first_day, day__lte=last_day
    ).values_list("day", "group", "views"):
        rows.setdefault(day, {})[group] = views
    return sorted(rows.items(), reverse=True)

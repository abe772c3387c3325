"""Portal access statistics: public pages counted per day and group, nothing about the visitor
stored, the seeds' five figures, and the counts written in one short transaction."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.workdays import VIETNAM
from reports.access import TALLY, access_figures, page_group
from reports.models import PageViews, RecentViews

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_tally():
    TALLY.days.clear()
    TALLY.minutes.clear()
    yield
    TALLY.days.clear()
    TALLY.minutes.clear()


@pytest.mark.parametrize(
    ("path", "group"),
    [
        ("/", "home"),
        ("/thu-tuc/", "catalogue"),
        ("/thu-tuc/12/", "catalogue"),
        ("/tra-cuu/", "lookup"),
        ("/lich-truc/000.10.70.H01/", "roster"),
        ("/can-bo/ho-so/", None),
        ("/admin/", None),
        ("/static/core/css/motcua.css", None),
    ],
)
def test_only_public_pages_are_counted_by_their_group(path, group):
    assert page_group(path) == group


def test_views_are_counted_per_day_in_vietnam_time_and_group():
    # 23:30 UTC on 1 March is 06:30 on 2 March in Vietnam.
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    TALLY.add("catalogue", moment)
    TALLY.add("catalogue", moment)
    TALLY.add("lookup", moment)
    TALLY.flush(now=moment)
    counts = {(r.day.isoformat(), r.group): r.views for r in PageViews.objects.all()}
    assert counts == {("2026-03-02", "catalogue"): 2, ("2026-03-02", "lookup"): 1}
    TALLY.add("catalogue", moment)
    TALLY.flush(now=moment)
    assert PageViews.objects.get(group="catalogue").views == 3


def test_the_five_figures_of_the_seeds():
    now = timezone.now()
    today = now.astimezone(VIETNAM).date()
    PageViews.objects.create(day=today, group="home", views=5)
    PageViews.objects.create(day=today - timedelta(days=40), group="home", views=100)
    RecentViews.objects.create(minute=now.replace(second=0, microsecond=0), views=2)
    RecentViews.objects.create(minute=now - timedelta(minutes=30), views=9)
    figures = access_figures(now=now)
    assert (figures.now, figures.today, figures.total) == (2, 5, 105)
    assert figures.week >= 5 and figures.month >= 5


def test_a_public_page_view_is_tallied_and_a_staff_page_is_not(client, cast):
    client.get(reverse("portal:catalogue"))
    client.get(reverse("reports:access"))
    client.force_login(cast.alice)
    client.get(reverse("dossiers:queue"))
    assert sum(TALLY.days.values()) == 2
    TALLY.flush()
    assert sum(PageViews.objects.values_list("views", flat=True)) == 2


def test_nothing_about_the_visitor_is_stored(client):
    client.get(reverse("portal:catalogue"), HTTP_USER_AGENT="Secret/1.0", REMOTE_ADDR="203.0.113.9")
    TALLY.flush()
    response = client.get(reverse("reports:access"))
    assert "sessionid" not in response.cookies
    stored = [
        str(value)
        for model in (PageViews, RecentViews)
        for row in model.objects.values()
        for value in row.values()
    ]
    assert not any("203.0.113" in value or "Secret" in value for value in stored)


def test_the_public_page_shows_the_figures_and_the_staff_page_the_days(client, cast):
    PageViews.objects.create(day=timezone.localdate(), group="lookup", views=7)
    text = client.get(reverse("reports:access")).content.decode()
    assert "Hôm nay" in text and "7" in text
    client.force_login(cast.ivy)
    response = client.get(reverse("reports:access-staff"))
    assert response.status_code == 200
    assert response.context["rows"][0][2] == 7


def test_a_database_error_keeps_the_tally_for_the_next_try(monkeypatch):
    from django.db import DatabaseError

    import reports.access as access

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(access, "_add", broken)
    TALLY.add("home", timezone.now())
    TALLY.flush()
    assert sum(TALLY.days.values()) == 1

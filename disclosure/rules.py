"""What a commune must disclose, on what legal basis and by when: a table and pure functions.

The categories come from the seed plans (the PAPI transparency items a commune discloses) and the
Law on implementing democracy at the grassroots (Law 10/2022/QH15, articles 11–13), which names
what the commune People's Committee discloses and where. Each category carries a timing rule:
when the disclosure is due and how long it must stay posted. The day counts are parameters of the
table: a province that issues its own regulation edits them here, nowhere else (decision 0017).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.workdays import WorkingCalendar


class Timing(StrEnum):
    # Due a few working days after the document is issued; posted for at least N days.
    AFTER_ISSUE = "after_issue"
    # Posted from the first working day of the period to its end (a year, a budget year).
    WHOLE_PERIOD = "whole_period"
    # Due a few working days after issue and posted until the period ends (recruitment: from the
    # plan until the recruitment is over).
    ISSUE_TO_PERIOD_END = "issue_to_period_end"


class TableKind(StrEnum):
    NONE = ""
    POOR_HOUSEHOLDS = "poor_households"
    BUDGET_LINES = "budget_lines"
    CONTRIBUTIONS = "contributions"


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    legal_basis: str
    timing: Timing
    timing_label: str
    # Working days after issue within which the item must be posted (AFTER_ISSUE and
    # ISSUE_TO_PERIOD_END).
    due_working_days: int = 2
    # Calendar days the item must stay posted at least (AFTER_ISSUE).
    keep_days: int = 30
    table: TableKind = TableKind.NONE
    # The procedures are published by the catalogue: this category links there, never copies.
    catalogue_link: bool = False
    # Whether the items name hamlets (poor households, hamlet head elections).
    by_hamlet: bool = False


_GRASSROOTS = _("Law 10/2022/QH15 on grassroots democracy, art. 11")

CATEGORIES: dict[str, Category] = {
    category.key: category
    for category in (
        Category(
            "procedures",
            _("Administrative procedures and forms"),
            _("Decree 61/2018/ND-CP art. 13; Decree 63/2010/ND-CP art. 15"),
            Timing.AFTER_ISSUE,
            _("immediately after the catalogue is published, for as long as it applies"),
            catalogue_link=True,
        ),
        Category(
            "poor_households",
            _("Poor households: criteria, lists and review results"),
            _("Decree 07/2021/ND-CP; Decision 24/2021/QD-TTg; Law 10/2022/QH15 art. 11"),
            Timing.AFTER_ISSUE,
            _("within 2 working days of the review result, posted at least 30 days"),
            table=TableKind.POOR_HOUSEHOLDS,
            by_hamlet=True,
        ),
        Category(
            "budget",
            _("Commune budget: revenue and spending, planned and actual"),
            _("Circular 343/2016/TT-BTC; Law 10/2022/QH15 art. 11"),
            Timing.WHOLE_PERIOD,
            _("during the budget year"),
            table=TableKind.BUDGET_LINES,
        ),
        Category(
            "contributions",
            _("Residents' voluntary contributions and what they paid for"),
            _GRASSROOTS,
            Timing.WHOLE_PERIOD,
            _("all year"),
            table=TableKind.CONTRIBUTIONS,
            by_hamlet=True,
        ),
        Category(
            "land",
            _("Land use: plans, maps, prices, compensation, land recovery and affected households"),
            _("Land Law 2024 art. 76, 87; Law 10/2022/QH15 art. 11"),
            Timing.AFTER_ISSUE,
            _("within 2 working days of the decision, posted at least 30 days"),
            by_hamlet=True,
        ),
        Category(
            "recruitment",
            _("Recruitment: plans, criteria and results"),
            _("Decree 115/2020/ND-CP art. 14; Law 10/2022/QH15 art. 11"),
            Timing.ISSUE_TO_PERIOD_END,
            _("from the plan until the recruitment ends"),
        ),
        Category(
            "socio_economic",
            _("Socio-economic programmes and annual work plans"),
            _GRASSROOTS,
            Timing.WHOLE_PERIOD,
            _("all year"),
        ),
        Category(
            "legal_documents",
            _("New legal documents"),
            _GRASSROOTS,
            Timing.AFTER_ISSUE,
            _("immediately after issue (2 working days), posted at least 30 days"),
        ),
        Category(
            "hamlet_elections",
            _("Hamlet head election results"),
            _("Law 10/2022/QH15 art. 11, 22"),
            Timing.AFTER_ISSUE,
            _("within 2 working days of the result, posted at least 30 days"),
            by_hamlet=True,
        ),
        Category(
            "child_health_insurance",
            _("Health insurance for children under 6"),
            _("Law on Health Insurance art. 12; Law 10/2022/QH15 art. 11"),
            Timing.WHOLE_PERIOD,
            _("all year"),
        ),
        Category(
            "household_obligations",
            _("What each household pays in the year"),
            _GRASSROOTS,
            Timing.WHOLE_PERIOD,
            _("during the year"),
        ),
        Category(
            "satisfaction",
            _("Satisfaction survey results"),
            _("Decision 766/QD-TTg; Decision 3279/QD-BNV"),
            Timing.AFTER_ISSUE,
            _("within 2 working days of the results, posted at least 30 days"),
        ),
    )
}


def category_choices() -> list[tuple[str, str]]:
    return [(key, category.label) for key, category in CATEGORIES.items()]


@dataclass(frozen=True)
class Window:
    due: date  # posted on or before this day to be on time
    keep_until: date  # posted at least until this day


def required_window(
    category: Category,
    *,
    issued_on: date | None,
    period_start: date,
    period_end: date,
    calendar: WorkingCalendar,
) -> Window:
    """When an item of `category` must be posted and until when, from the day its document was
    issued (None: not yet issued, the period's start stands for it) and its period.

    A due day is always a working day: an item due "within N working days" of a document issued
    on Friday before Tết is due N working days after the holiday, as a dossier deadline would be.
    """
    start = issued_on or period_start
    if category.timing is Timing.WHOLE_PERIOD:
        first = period_start
        due = first if calendar.is_working_day(first) else calendar.next_working_day(first)
        return Window(due=due, keep_until=period_end)
    due = calendar.add_working_days(start, category.due_working_days)
    if category.timing is Timing.ISSUE_TO_PERIOD_END:
        return Window(due=due, keep_until=max(period_end, due))
    return Window(due=due, keep_until=due + timedelta(days=category.keep_days))


class DisclosureState(StrEnum):
    DRAFT = "draft"  # not yet due
    DUE_SOON = "due_soon"  # due within the next days and not posted
    OVERDUE = "overdue"  # past its due day and not posted anywhere
    POSTED = "posted"  # posted on a board or read on the radio, not (yet) on the website
    SCHEDULED = "scheduled"  # published, shown from a later day
    PUBLIC = "public"  # on the public site today
    ENDED = "ended"  # past its end date: in the archive only
    WITHDRAWN = "withdrawn"


def disclosure_state(
    *,
    status: str,
    posted_on: date | None,
    due: date,
    publish_from: date | None,
    publish_until: date | None,
    today: date,
    soon_days: int = 3,
) -> DisclosureState:
    """Where an item stands today. Items not yet posted are judged against their due day."""
    if status == "withdrawn":
        return DisclosureState.WITHDRAWN
    if status == "published" and publish_from is not None:
        if publish_until is not None and today > publish_until:
            return DisclosureState.ENDED
        if today < publish_from:
            return DisclosureState.SCHEDULED
        return DisclosureState.PUBLIC
    if posted_on is not None:
        return DisclosureState.POSTED
    if today > due:
        return DisclosureState.OVERDUE
    if (due - today).days <= soon_days:
        return DisclosureState.DUE_SOON
    return DisclosureState.DRAFT


STATE_LABELS = {
    DisclosureState.DRAFT: _("not yet due"),
    DisclosureState.DUE_SOON: _("due soon"),
    DisclosureState.OVERDUE: _("overdue"),
    DisclosureState.POSTED: _("posted, not on the website"),
    DisclosureState.SCHEDULED: _("scheduled"),
    DisclosureState.PUBLIC: _("on the public site"),
    DisclosureState.ENDED: _("ended (archive)"),
    DisclosureState.WITHDRAWN: _("withdrawn"),
}
# Words first, colour repeats them (DESIGN.md): the badge class of each state.
STATE_BADGES = {
    DisclosureState.DRAFT: "info",
    DisclosureState.DUE_SOON: "warn",
    DisclosureState.OVERDUE: "danger",
    DisclosureState.POSTED: "warn",
    DisclosureState.SCHEDULED: "info",
    DisclosureState.PUBLIC: "ok",
    DisclosureState.ENDED: "info",
    DisclosureState.WITHDRAWN: "danger",
}


def is_publicly_visible(*, published: bool, publish_from, publish_until, today: date) -> bool:
    """Shown on the public site: published, and today inside [publish_from, publish_until]."""
    return bool(
        published
        and publish_from is not None
        and publish_from <= today
        and (publish_until is None or today <= publish_until)
    )


def on_time(*, due: date, posted_on: date | None) -> bool:
    return posted_on is not None and posted_on <= due


@dataclass(frozen=True)
class OnTimeRate:
    on_time: int
    total: int

    @property
    def percent(self) -> int | None:
        """Whole per cent, rounded half up; None when nothing fell due."""
        if not self.total:
            return None
        return (self.on_time * 200 + self.total) // (self.total * 2)


def on_time_rate(rows, *, today: date) -> OnTimeRate:
    """The Decision 766 "disclosed on time" indicator over `rows` of (due, posted_on): items
    counted once their due day has passed or they were posted; an unposted overdue item is late."""
    counted = [(due, posted) for due, posted in rows if posted is not None or due < today]
    return OnTimeRate(
        on_time=sum(1 for due, posted in counted if on_time(due=due, posted_on=posted)),
        total=len(counted),
    )

"""Checks computed from MotCua's records for an inspected unit on a day (read only): the team
sees the figure beside the checklist item and verifies it on the spot."""

from datetime import date, datetime, time

from django.db.models import F, Q

from core.workdays import VIETNAM
from disclosure.models import DisclosureItem
from dossiers.models import Dossier, DossierFee
from dossiers.selectors import CLOCK_RUNNING
from inspection.rules import (
    FEES_ABOVE_PUBLISHED,
    LATE_WITHOUT_APOLOGY,
    OVERDUE_DISCLOSURES,
    evidence_sentence,
)
from org.access import agency_and_above, agency_and_below

SAMPLES = 5


def late_without_apology(agency, day: date) -> tuple[int, list[str]]:
    """Dossiers of the unit (received, handled or returned there) past their legal due date,
    still running or finished late in the inspection's year, with no apology letter's new date
    (Decree 118 art. 19.6). The year bounds it: an inspection looks at the current period."""
    ids = agency_and_below([agency])
    end = datetime.combine(day, time.max, tzinfo=VIETNAM)
    year_start = datetime(day.year, 1, 1, tzinfo=VIETNAM)
    late = Q(state__in=CLOCK_RUNNING, due_at__lt=end, finished_at__isnull=True) | Q(
        finished_at__gt=F("due_at"), finished_at__gte=year_start, finished_at__lte=end
    )
    rows = Dossier.objects.filter(
        Q(receiving_agency__in=ids) | Q(handling_agency__in=ids) | Q(return_agency__in=ids),
        late,
        extended_due_at__isnull=True,
    ).order_by("due_at", "id")
    return rows.count(), list(rows.values_list("code", flat=True)[:SAMPLES])


def overdue_disclosures(agency, day: date) -> tuple[int, list[str]]:
    """Disclosures of the commune the unit belongs to, due before `day` and never disclosed."""
    rows = DisclosureItem.objects.filter(
        agency__in=agency_and_above([agency]) | agency_and_below([agency]),
        due_on__lt=day,
        first_published_on__isnull=True,
    ).order_by("due_on", "id")
    return rows.count(), list(rows.values_list("title", flat=True)[:SAMPLES])


def fees_above_published(agency, day: date) -> tuple[int, list[str]]:
    """Fees of the unit's dossiers received in the inspection's year charged above the amount
    the published rule gives (the counter records the reason for each such correction)."""
    ids = agency_and_below([agency])
    end = datetime.combine(day, time.max, tzinfo=VIETNAM)
    rows = DossierFee.objects.filter(
        Q(dossier__receiving_agency__in=ids) | Q(dossier__handling_agency__in=ids),
        computed_amount__isnull=False,
        amount__gt=F("computed_amount"),
        dossier__received_at__gte=datetime(day.year, 1, 1, tzinfo=VIETNAM),
        dossier__received_at__lte=end,
    ).order_by("dossier__received_at", "id")
    codes = list(dict.fromkeys(rows.values_list("dossier__code", flat=True)[: SAMPLES * 2]))
    return rows.count(), codes[:SAMPLES]


COMPUTE = {
    LATE_WITHOUT_APOLOGY: late_without_apology,
    OVERDUE_DISCLOSURES: overdue_disclosures,
    FEES_ABOVE_PUBLISHED: fees_above_published,
}


def compute(key: str, agency, day: date) -> tuple[int | None, str]:
    if key not in COMPUTE:
        return None, ""
    count, samples = COMPUTE[key](agency, day)
    return count, evidence_sentence(key, count, samples)

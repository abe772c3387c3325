"""Reads for the national sync: the dossiers a batch describes, what is not synced for a member
of staff, and the "dossiers synced" rate of the Decision 766 index."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Prefetch, QuerySet

from core.models import DomainEvent
from dossiers.models import Applicant, Dossier, DossierDocument, DossierFee
from dossiers.models_results import ResultDocument
from dossiers.selectors import dossiers_for_staff
from dossiers.workflow import State
from sync.models import DossierSync
from sync.payload import TRACKED_KINDS, tracked

DOSSIER_COLUMNS = (
    "code",
    "channel",
    "request_summary",
    "submitted_at",
    "received_at",
    "supplement_requested_at",
    "finished_at",
    "returned_at",
    "procedure_version",
    "receiving_agency",
    "handling_agency",
)
APPLICANT_COLUMNS = (
    "dossier_id",
    "kind",
    "full_name",
    "organisation_name",
    "id_number",
    "tax_code",
    "email",
    "phone",
)


def dossiers_for_sync(ids) -> dict[int, Dossier]:
    """The dossiers of a batch with everything their records name, in a fixed number of
    queries whatever the batch's size."""
    # Only the columns the records name: the e-form data and the rest cost more to load than
    # the whole call to the portal.
    dossiers = (
        Dossier.objects.filter(pk__in=list(ids))
        .select_related(
            "procedure_version__procedure",
            "procedure_version__field",
            "receiving_agency",
            "handling_agency",
        )
        .only(
            *DOSSIER_COLUMNS,
            "procedure_version__name",
            "procedure_version__procedure__national_code",
            "procedure_version__field__code",
            "procedure_version__field__name",
            "receiving_agency__code",
            "handling_agency__name",
        )
        .prefetch_related(
            Prefetch(
                "applicants",
                queryset=Applicant.objects.filter(is_primary=True).only(*APPLICANT_COLUMNS),
                to_attr="primary",
            ),
            Prefetch(
                "documents",
                queryset=DossierDocument.objects.only(
                    "dossier_id", "name", "required_id", "received"
                ).annotate(file_count=Count("files")),
            ),
            Prefetch(
                "fees",
                queryset=DossierFee.objects.only("dossier_id", "name", "amount", "collected_at"),
            ),
            Prefetch(
                "result_documents",
                queryset=ResultDocument.objects.only("dossier_id", "stage", "number"),
            ),
        )
    )
    found = {}
    for dossier in dossiers:
        dossier.primary_applicant = dossier.primary[0] if dossier.primary else None
        found[dossier.pk] = dossier
    return found


def next_events(rows: list[DossierSync]) -> dict[int, DomainEvent]:
    """For each sync row, the first tracked event after what was sent, up to the newest one the
    subscriber announced: one query for the whole batch (the event_subject index)."""
    if not rows:
        return {}
    window = {str(row.dossier_id): (row.sent_event_id, row.latest_event_id) for row in rows}
    # One plain IN over the dossiers (an OR of 200 windows costs more to build than to run);
    # a dossier has a handful of tracked events, so the few read twice are cheap.
    events = DomainEvent.objects.filter(
        subject_type="dossiers.dossier",
        subject_id__in=list(window),
        kind__in=TRACKED_KINDS,
        pk__gt=min(sent for sent, _ in window.values()),
        pk__lte=max(latest for _, latest in window.values()),
    ).order_by("pk")
    first: dict[int, DomainEvent] = {}
    for event in events:
        sent, latest = window[event.subject_id]
        dossier_id = int(event.subject_id)
        if sent < event.pk <= latest and dossier_id not in first and tracked(event):
            first[dossier_id] = event
    return first


def unsynced_for(user) -> QuerySet[DossierSync]:
    """The dossiers of `user`'s agencies the portal is behind on, those with an error first,
    then the oldest waiting (R5: scoped like the dossier pages)."""
    return (
        DossierSync.objects.filter(
            latest_event_id__gt=F("sent_event_id"),
            dossier__in=dossiers_for_staff(user).values("pk"),
        )
        .select_related("dossier", "dossier__procedure_version")
        .order_by(F("last_error_at").desc(nulls_last=True), "id")
    )


@dataclass(frozen=True)
class SyncedRate:
    synced: int
    received: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.synced / self.received, 1) if self.received else None


# Dossiers the portal counts as received (national codes 2 and 4–10): not those still waiting
# to be accepted online (1) and not those refused at reception (3).
_NOT_RECEIVED = (State.SUBMITTED, State.REFUSED)


def synced_rate(*, agency_ids, start: datetime, end: datetime) -> SyncedRate:
    """Decision 766, "dossiers synced to the national portal": of the dossiers received in
    [start, end) at these agencies, how many the portal holds as they stand now (every
    tracked event sent)."""
    received = Dossier.objects.filter(
        receiving_agency_id__in=list(agency_ids), received_at__gte=start, received_at__lt=end
    ).exclude(state__in=_NOT_RECEIVED)
    synced = DossierSync.objects.filter(
        dossier__in=received.values("pk"),
        sent_event_id__gt=0,
        sent_event_id__gte=F("latest_event_id"),
    )
    return SyncedRate(synced=synced.count(), received=received.count())

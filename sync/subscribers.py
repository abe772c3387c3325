"""The sync's part of the dossier events: each tracked event moves its dossier's "newest
event" mark, which puts the dossier in the worker's queue. The event row itself, written with
the change, is what gets sent (the outbox)."""

from django.db.models.functions import Greatest
from django.utils import timezone

from core.events import subscribe
from core.models import DomainEvent
from sync.models import DossierSync
from sync.payload import TRACKED_KINDS, tracked


@subscribe(*TRACKED_KINDS, key="sync.queue_for_portal")
def queue_for_portal(event: DomainEvent) -> None:
    """Idempotent: a second run for the same event changes nothing (the mark only rises)."""
    if not tracked(event):
        return
    dossier_id = int(event.subject_id)
    DossierSync.objects.bulk_create(
        [DossierSync(dossier_id=dossier_id, next_attempt_at=timezone.now())],
        ignore_conflicts=True,
    )
    DossierSync.objects.filter(dossier_id=dossier_id).update(
        latest_event_id=Greatest("latest_event_id", event.pk)
    )

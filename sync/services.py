"""Writes of the national sync that people make: "send again" on the staff page."""

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from sync.models import DossierSync


def sync_send_again(*, sync_id: int, actor) -> bool:
    """Make a waiting dossier due now, its count of failures back to zero (audited); False when
    it has nothing left to send."""
    with transaction.atomic():
        row = DossierSync.objects.select_related("dossier__receiving_agency").get(pk=sync_id)
        if not row.waiting:
            return False
        DossierSync.objects.filter(pk=row.pk).update(attempts=0, next_attempt_at=timezone.now())
        audit_record(
            action="sync.send_again",
            actor=actor,
            agency_code=row.dossier.receiving_agency.code,
            obj=row.dossier,
            old={"attempts": row.attempts, "last_error": row.last_error},
        )
    return True

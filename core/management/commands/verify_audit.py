from django.core.management.base import BaseCommand, CommandError

from core.audit import audit_head_hash, audit_verify
from core.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first broken link (exit 1 if any)."

    def handle(self, *args, **options):
        events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
        broken = audit_verify(events, head_hash=audit_head_hash())
        if broken is None:
            count = AuditEvent.objects.count()
            self.stdout.write(f"Audit chain intact: {count} events verified.")
            return
        where = f"event #{broken.event_id}" if broken.event_id else "the end of the chain"
        raise CommandError(f"Audit chain broken at {where}: {broken.reason}.")

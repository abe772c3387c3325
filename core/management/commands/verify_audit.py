from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.audit import audit_heads, audit_verify_chains, chain_label
from core.audit_checkpoints import checkpoints_kept
from core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Check every audit chain (hashes, positions, heads) against the checkpoints kept in the "
        "database and in the checkpoint file; report each broken chain's first broken link "
        "(exit 1 if any)."
    )

    def handle(self, *args, **options):
        # One snapshot for heads and rows, so rows appended during the walk are not seen.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            kept = checkpoints_kept()
            heads = audit_heads()
            events = AuditEvent.objects.order_by("chain", "seq").iterator(chunk_size=2000)
            result = audit_verify_chains(events, heads=heads, checkpoints=kept.checkpoints)
        problems = [f"Audit checkpoints: {problem}." for problem in kept.problems]
        for link in result.broken:
            where = f"event #{link.event_id}" if link.event_id else "the end of the chain"
            problems.append(
                f"Audit chain {chain_label(link.chain)} broken at {where}: {link.reason}."
            )
        if problems:
            for problem in problems[1:]:
                self.stderr.write(problem)
            raise CommandError(problems[0])
        self.stdout.write(
            f"Audit chain intact: {result.events} events verified in {result.chains} chains, "
            f"against {kept.runs} checkpoints."
        )

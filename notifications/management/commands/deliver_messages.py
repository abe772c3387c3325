"""Send the messages to applicants whose attempt is due: retries after a failure, messages whose
task was lost, and claims of a sender that died. Run it every minute from cron, or keep it
running with --every (docs/deployment.md); several copies at once send nothing twice."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from notifications.delivery import messages_deliver_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the queued messages to applicants whose attempt is due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, sending every SECONDS (default: send once and exit).",
        )

    def handle(self, *args, every: float, **options):
        if not every:
            self.stdout.write(f"{messages_deliver_due()} message(s) sent")
            return
        while True:
            # A restarted database must not end the loop: drop the dead connection, try again.
            close_old_connections()
            try:
                messages_deliver_due()
            except DatabaseError:
                logger.exception("Sending due messages failed; trying again shortly")
            time.sleep(every)

"""Deliver the domain events still pending: those a crash after commit left behind and the
retries whose time has come. Run it every minute (cron, a systemd timer) or keep it running
with --every (docs/deployment.md); several copies at once deliver nothing twice."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from core.events import events_sweep

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Deliver pending domain events to their subscribers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, sweeping every SECONDS (default: sweep once and exit).",
        )

    def handle(self, *args, every: float, **options):
        if not every:
            self.stdout.write(f"{events_sweep()} delivery(ies) done")
            return
        while True:
            # A restarted database must not end the loop: drop the dead connection, try again.
            close_old_connections()
            try:
                events_sweep()
            except DatabaseError:
                logger.exception("Sweeping pending events failed; trying again shortly")
            time.sleep(every)

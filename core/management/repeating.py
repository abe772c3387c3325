"""A management command that does one round of work, or keeps doing it every few seconds."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

logger = logging.getLogger(__name__)


class RepeatingCommand(BaseCommand):
    """Run `run_once()` once and report its count, or with `--every SECONDS` keep running it:
    what cron runs every minute, or what a service keeps running (docs/deployment.md).

    Subclasses set `done` (the report, with `{count}`) and `every_help`, and write `run_once`."""

    done = "{count} done"
    every_help = "Keep running, every SECONDS (default: once and exit)."

    def run_once(self) -> int:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, metavar="SECONDS", help=self.every_help
        )

    def handle(self, *args, every: float, **options):
        if not every:
            self.stdout.write(self.done.format(count=self.run_once()))
            return
        while True:
            # A restarted database must not end the loop: drop the dead connection, try again.
            close_old_connections()
            try:
                self.run_once()
            except DatabaseError:
                logger.exception("%s failed; trying again in %s s", self.help, every)
            time.sleep(every)

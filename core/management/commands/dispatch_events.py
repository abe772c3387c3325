"""Deliver the domain events still pending: those a crash after commit left behind and the
retries whose time has come. Run it every minute (cron, a systemd timer) or keep it running
with --every (docs/deployment.md); several copies at once deliver nothing twice."""

from core.events import events_sweep
from core.management.repeating import RepeatingCommand


class Command(RepeatingCommand):
    help = "Deliver pending domain events to their subscribers."
    done = "{count} delivery(ies) done"
    every_help = "Keep running, sweeping every SECONDS (default: sweep once and exit)."

    def run_once(self) -> int:
        return events_sweep()

"""Send the dossiers' tracked events to the national portal: new ones, retries whose time has
come, and claims of a worker that died. Run it every minute from cron, or keep it running with
--every (docs/national-portal-sync.md); several copies at once send nothing twice."""

from core.management.repeating import RepeatingCommand
from sync.worker import BATCH, sync_due


class Command(RepeatingCommand):
    help = "Send the dossier events the national portal has not taken yet."
    done = "{count} event(s) taken by the national portal"
    every_help = "Keep running, sending every SECONDS (default: send once and exit)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--batch", type=int, default=BATCH, help="Events per call to the portal."
        )

    def handle(self, *args, batch: int, **options):
        self.batch = max(1, batch)
        super().handle(*args, **options)

    def run_once(self) -> int:
        return sync_due(batch=self.batch)

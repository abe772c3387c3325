"""Ask the carriers about the results still with the post (for carriers that do not call back,
or whose callbacks were lost). Run it from cron every few minutes, or keep it running with
--every (`make run` does, beside the other workers); a second copy at once stores no report
twice (each report is kept once per delivery, postal.services_tracking)."""

from core.management.repeating import RepeatingCommand
from postal.services_tracking import deliveries_poll


class Command(RepeatingCommand):
    help = "Ask the postal carriers for the status of the deliveries still with the post."
    done = "{count} delivery status(es) changed"
    every_help = "Keep running, asking every SECONDS (default: ask once and exit)."

    def run_once(self) -> int:
        return deliveries_poll()

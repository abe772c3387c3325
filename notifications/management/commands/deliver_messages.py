"""Send the messages to applicants whose attempt is due: retries after a failure, messages whose
task was lost, and claims of a sender that died. Run it every minute from cron, or keep it
running with --every (docs/deployment.md); several copies at once send nothing twice."""

from core.management.repeating import RepeatingCommand
from notifications.delivery import messages_deliver_due


class Command(RepeatingCommand):
    help = "Send the queued messages to applicants whose attempt is due."
    done = "{count} message(s) sent"
    every_help = "Keep running, sending every SECONDS (default: send once and exit)."

    def run_once(self) -> int:
        return messages_deliver_due()

"""Close the dossiers whose supplement is 15 days overdue (Decree 118 art. 19.5). Run it once a
day from cron or a systemd timer (docs/deployment.md); running it twice closes nothing twice."""

from django.core.management.base import BaseCommand

from dossiers.services import dossiers_close_unsupplemented


class Command(BaseCommand):
    help = "Close dossiers whose requested supplement did not arrive within 15 days."

    def handle(self, *args, **options):
        closed = dossiers_close_unsupplemented()
        self.stdout.write(f"{closed} dossier(s) closed")

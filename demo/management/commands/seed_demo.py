from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from api.demo import api_seed
from catalog.demo import catalog_seed
from counter.demo import guidance_seed, roster_seed
from disclosure.demo import disclosure_seed
from disclosure.demo_drafts import drafts_seed
from feedback.demo import feedback_seed
from inspection.demo import inspection_seed
from org.demo import DEMO_PASSWORD, demo_seed
from payments.demo import payments_seed
from postal.demo import postal_seed
from reform.demo import reform_seed
from signing.demo import demo_ca_ensure


class Command(BaseCommand):
    help = (
        "Load the demo province, communes, agencies, staff accounts, catalogue and duty rosters. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        # The demo settings (make run) say so with DEMO = True; production never does.
        if not settings.DEBUG and not getattr(settings, "DEMO", False) and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with "
                "DEBUG on, with the demo settings (make run), or with --force on a machine "
                "that is not in production."
            )
        accounts = demo_seed()
        created = catalog_seed()
        self.stdout.write(f"Procedures loaded from the seed catalogue: {created}")
        self.stdout.write(f"Duty shifts added to the demo rosters: {roster_seed()}")
        self.stdout.write(f"Guidance slips and guided sessions added: {guidance_seed()}")
        self.stdout.write(f"Feedback items added: {feedback_seed()}")
        self.stdout.write(f"Envelopes waiting for the post-office clerk: {postal_seed()}")
        self.stdout.write(f"Fee collection accounts added: {payments_seed()}")
        self.stdout.write(f"Public disclosures added: {disclosure_seed()}")
        self.stdout.write(f"Drafts for public comment added: {drafts_seed()}")
        self.stdout.write(f"Inspections added: {inspection_seed()}")
        self.stdout.write(f"Reform plans added: {reform_seed()}")
        self.stdout.write(f"Demo signing CA (no legal value): {demo_ca_ensure()[0]}")
        self.stdout.write("Read-only demo API keys (docs at /api/docs/):")
        for key in api_seed():
            self.stdout.write(f"  Authorization: Api-Key {key}")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        self.stdout.write("Administrators are asked to set up a TOTP authenticator at first login.")
        width = max(len(account.username) for account in accounts)
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<{width}}  {account.full_name:<22} "
                f"{account.role_label} — {account.agency_name}"
            )

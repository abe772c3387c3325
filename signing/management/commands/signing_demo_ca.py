from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signing.demo import demo_ca_ensure


class Command(BaseCommand):
    help = (
        "Make the demo CA and the demo leader's PKCS#12 certificate (no legal value), if this "
        "installation has none. Refused where SIGNING_DEMO_ALLOWED is off (production)."
    )

    def handle(self, *args, **options):
        if not settings.SIGNING_DEMO_ALLOWED:
            raise CommandError("SIGNING_DEMO_ALLOWED is off: this installation signs for real.")
        ca, leader = demo_ca_ensure()
        self.stdout.write(f"Demo CA certificate: {ca}")
        self.stdout.write(f"Demo leader's PKCS#12 file: {leader} (DEMO, no legal value)")

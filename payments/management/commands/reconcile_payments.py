from django.core.management.base import BaseCommand

from payments.reconcile import attempts_reconcile


class Command(BaseCommand):
    help = "Settle online payment attempts left pending past their expiry (ask the gateway)."

    def handle(self, *args, **options):
        counts = attempts_reconcile()
        self.stdout.write(
            f"settled {counts['settled']}, expired {counts['expired']}, errors {counts['errors']}"
        )

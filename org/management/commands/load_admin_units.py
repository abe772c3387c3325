from django.core.management.base import BaseCommand

from org.units import units_load


class Command(BaseCommand):
    help = "Load the official provinces and communes (2025 two-tier structure). Idempotent."

    def handle(self, *args, **options):
        created = units_load()
        self.stdout.write(f"Administrative units created: {created}")

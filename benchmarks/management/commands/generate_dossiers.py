"""manage.py generate_dossiers: a large synthetic data set for benchmarks (never in production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from benchmarks.synthetic import dossiers_generate


class Command(BaseCommand):
    help = (
        "Add N synthetic dossiers (three years of history, realistic channels, states and late "
        "ones) with bulk inserts, on top of the demo data. For benchmarks only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Dossiers to add.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data set.")
        parser.add_argument("--batch", type=int, default=5000, help="Dossiers per transaction.")
        parser.add_argument(
            "--communes", type=int, default=20, help="Extra communes of the demo province."
        )
        parser.add_argument("--years", type=int, default=3, help="Years of history.")
        parser.add_argument(
            "--orm",
            action="store_true",
            help="Insert with bulk_create even on PostgreSQL (slower; COPY is the default there).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, count, seed, batch, communes, years, orm, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_dossiers fills the database with invented dossiers and creates demo "
                "accounts: it runs only with DEBUG on, or with --force on a benchmark machine."
            )
        if count < 1 or batch < 1:
            raise CommandError("--count and --batch must be at least 1.")
        report = dossiers_generate(
            count=count,
            seed=seed,
            batch=batch,
            communes=communes,
            years=years,
            use_copy=False if orm else None,
            progress=self.stdout.write,
        )
        self.stdout.write(
            f"{report.dossiers} dossiers, {report.rows} rows in {report.seconds:.1f} s: "
            f"{report.dossiers / report.seconds:.0f} dossiers/s, "
            f"{report.rows / report.seconds:.0f} rows/s"
        )
        for state, number in sorted(report.states.items()):
            self.stdout.write(f"  {state:<14} {number:>9}  {100 * number / report.dossiers:5.1f} %")

from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Measurement scripts and the synthetic data set (`manage.py generate_dossiers`)."""

    name = "benchmarks"
    verbose_name = "Benchmarks"

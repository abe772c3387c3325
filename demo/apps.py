from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying MotCua (`manage.py seed_demo`). Sits above every domain app."""

    name = "demo"
    verbose_name = "Demo"

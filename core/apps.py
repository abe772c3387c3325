from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.apps import apps

        from . import admin_vietnamese, checks, signals  # noqa: F401

        admin_vietnamese.apply(apps)

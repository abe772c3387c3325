from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self):
        # The signing plugin kind (dossiers.signatures), events' subscribers and metrics.
        from dossiers import metrics, signatures, subscribers  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitisedConfig(AppConfig):
    name = "digitised"
    verbose_name = _("Digitised documents")

    def ready(self):
        # The dossier page's panel, and the electronic result recorded when a result is ready.
        from digitised import panels, subscribers  # noqa: F401

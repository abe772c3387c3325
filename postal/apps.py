from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostalConfig(AppConfig):
    name = "postal"
    verbose_name = _("Postal service")

    def ready(self):
        # The `postal` plugin kind and its carriers; the panel on the dossier page and the
        # section of "Việc hôm nay" (core.panels).
        from postal import panels  # noqa: F401
        from postal.carriers import base, demo, vnpost  # noqa: F401

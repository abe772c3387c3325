import warnings

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "signing"
    verbose_name = _("Digital signatures")

    def ready(self):
        # pyHanko imports cryptography's DSA types for completeness; nothing here uses DSA, and
        # the deprecation notice would be printed by every management command.
        warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
        # Registers the `signing` plugins the dossiers declared (dossiers.signatures) and the
        # dossier page's signature panel.
        from signing import panels, providers  # noqa: F401

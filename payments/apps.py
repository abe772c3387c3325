from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Fees and payments")

    def ready(self) -> None:
        # Plugins register on import; the subscribers and the dossier page's panel too.
        from payments import ereceipts, gateways, panels, selectors_status, subscribers  # noqa: F401

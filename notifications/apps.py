from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Declare the `sms` and `email` plugin kinds and register their implementations.
        from notifications import email, sms, sms_carriers  # noqa: F401

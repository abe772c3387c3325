"""Public disclosures (công khai) and drafts for public comment (issue 17)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Public disclosure")

    def ready(self):
        # Registers the overdue-disclosure section of "Việc hôm nay" (core.panels).
        from disclosure import panels  # noqa: F401

"""Administrative reform plans and the inspection team's work (issue 17)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReformConfig(AppConfig):
    name = "reform"
    verbose_name = _("Reform plans and inspection")

    def ready(self):
        # Registers the overdue-task section of "Việc hôm nay" (core.panels).
        from reform import panels  # noqa: F401

"""The inspection team's work (tổ kiểm tra CCHC): inspections from a checklist, findings,
evidence, follow-up actions and commendations or discipline (issue 17)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "inspection"
    verbose_name = _("Inspection team")

    def ready(self):
        # Registers the overdue follow-up actions in "Việc hôm nay" (core.panels).
        from inspection import panels  # noqa: F401

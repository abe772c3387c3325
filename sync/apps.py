"""The outbox of dossier events sent to the national public-service portal (issue 19)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "sync"
    verbose_name = _("National portal synchronisation")

    def ready(self):
        # The `national_portal` plugin kind, the subscriber that queues dossiers for it, and the
        # panel on the staff dossier page.
        from sync import panels, portal, subscribers  # noqa: F401

"""The sync's panel on the staff dossier page: where the dossier stands with the national
portal (core.panels; dossiers does not import sync). One query."""

from django.template.loader import render_to_string

from core.panels import dossier_panel
from sync.models import DossierSync
from sync.views import NATIONAL_LABELS, error_label


@dossier_panel(order=50)
def national_portal_panel(request, dossier) -> str | None:
    row = DossierSync.objects.filter(dossier_id=dossier.pk).first()
    if row is None:  # nothing tracked yet (or before the sync existed)
        return None
    return render_to_string(
        "sync/panel.html",
        {
            "row": row,
            "synced_label": NATIONAL_LABELS.get(row.synced_code, ""),
            "error": error_label(row.last_error),
        },
        request=request,
    )

"""The dossier page's panel "Chữ ký số": each PDF of the dossier with the outcome of its newest
signature check and a button to check it (again)."""

from django.template.loader import render_to_string

from core.panels import dossier_panel
from signing.selectors import checked_files_of


@dossier_panel(order=60)
def signatures_panel(request, dossier) -> str | None:
    files = checked_files_of(dossier)
    if not files:
        return None
    return render_to_string(
        "signing/panel.html", {"dossier": dossier, "files": files}, request=request
    )

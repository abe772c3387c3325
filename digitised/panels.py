"""The dossier page's panel "Số hoá giấy tờ": each file with its digitised metadata or a link
to record it, the electronic result, and the applicant's valid digitised documents offered for
reuse when they consented."""

from django.template.loader import render_to_string
from django.utils import timezone

from core.panels import dossier_panel
from digitised.selectors import components_of, results_of, reuse_offer


@dossier_panel(order=50)
def digitised_panel(request, dossier) -> str:
    return render_to_string(
        "digitised/panel.html",
        {
            "dossier": dossier,
            "components": components_of(dossier),
            "results": results_of(dossier),
            "offer": reuse_offer(dossier, today=timezone.localdate()),
        },
        request=request,
    )

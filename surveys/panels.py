"""The rating's part of the staff dossier page (core.panels): once the result is returned, the
officer opens the rating screen for the citizen, or shows its QR code to scan."""

import segno
from django.template.loader import render_to_string
from django.urls import reverse

from core.panels import dossier_panel
from dossiers.workflow import State
from surveys import selectors


@dossier_panel(order=70)
def rating_on_dossier(request, dossier):
    if dossier.state != State.RETURNED:
        return None
    rating = selectors.rating_of_dossier(dossier)
    if rating is None:
        return None
    url = request.build_absolute_uri(reverse("surveys:rate", args=[rating.token]))
    return render_to_string(
        "surveys/panel_dossier.html",
        {
            "rating": rating,
            "kiosk_url": reverse("surveys:rate", args=[rating.token]) + "?quay=1",
            "qr_svg": segno.make(url, error="m").svg_inline(
                scale=3, border=2, omitsize=True, title="Đánh giá mức độ hài lòng"
            )
            if rating.answered_at is None
            else "",
        },
        request=request,
    )

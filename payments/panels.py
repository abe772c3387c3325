"""The payments panel on the staff dossier page (core.panels): what the dossier owes, how each
amount was paid, its receipt, and the counter's forms to take a payment."""

from django.template.loader import render_to_string

from core.panels import dossier_panel
from payments import selectors


@dossier_panel(order=10)
def payments_panel(request, dossier) -> str | None:
    context = selectors.payment_panel(request.user, dossier)
    if context is None:
        return None
    return render_to_string("payments/panel.html", context, request=request)

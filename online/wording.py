"""What the citizen must do next, in plain words, by the state of their dossier."""

from django.utils.translation import gettext as _

from dossiers.models import ReturnMethod
from dossiers.workflow import State


def next_step(dossier) -> str:
    state = dossier.state
    if state == State.SUBMITTED:
        return _(
            "Nothing for now. The one-stop shop checks your dossier within 8 working hours: "
            "it accepts it, or tells you what to add."
        )
    if state == State.SUPPLEMENT_REQUESTED:
        return _(
            "Add what the supplement request lists, within 15 days. The time limit starts "
            "again when the complete supplement is received."
        )
    if state == State.AWAITING_PAYMENT:
        return _("Pay the fees shown below. The time limit is paused until then.")
    if state == State.RESULT_READY:
        if dossier.return_method == ReturnMethod.POST:
            return _("Nothing: the result is sent to you by post.")
        if dossier.return_method == ReturnMethod.ONLINE:
            return _("Nothing: the one-stop shop sends you the result online.")
        return _("Collect the result at the one-stop shop; bring your ID card.")
    if state in (State.ACCEPTED, State.IN_PROGRESS, State.PROPOSED):
        return _("Nothing for now: your dossier is being processed.")
    return _("Nothing: this dossier is closed.")

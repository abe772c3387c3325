"""What feedback states say to citizens and what colour repeats it (words before colour)."""

from django.utils.translation import gettext_lazy as _

from feedback.workflow import State

_SENTENCES = {
    State.REGISTERED: _("Your feedback has been received and is being classified."),
    State.NOT_ACCEPTED: _("Your feedback was not taken up. The reason is below."),
    State.REDIRECTED: _(
        "Your feedback is a complaint or a denunciation: it follows that procedure. "
        "The notice below says where it went."
    ),
    State.OUTSIDE: _(
        "Your feedback is for another agency. It will be forwarded within 5 working days."
    ),
    State.FORWARDED: _("Your feedback was forwarded to the competent agency named below."),
    State.ACCEPTED: _("Your feedback has been accepted and will be answered by the date below."),
    State.IN_HANDLING: _(
        "An officer is handling your feedback. It will be answered by the date below."
    ),
    State.ANSWERED: _("Your feedback has been answered. The answer is below."),
    State.PUBLISHED: _("Your feedback has been answered and the answer published."),
}

_TONES = {
    State.NOT_ACCEPTED: "danger",
    State.REDIRECTED: "warn",
    State.FORWARDED: "info",
    State.ANSWERED: "ok",
    State.PUBLISHED: "ok",
}


def citizen_sentence(item) -> str:
    return str(_SENTENCES[State(item.state)])


def state_tone(state: str) -> str:
    return _TONES.get(state, "info")

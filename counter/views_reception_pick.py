"""Step 1 of the reception at the counter: choosing the procedure, with the ID card scanned
first if the officer likes. The card's text is held in the officer's session for a short while
and read by step 2 (counter.views_reception) when the procedure is chosen."""

import time
from datetime import timedelta

from django.shortcuts import redirect, render
from django.utils import timezone

from citizens.cccd import CardData, CardError, parse_card
from counter.forms_reception import ProcedurePickForm
from dossiers import selectors
from org.selectors import can_see_audit

# The card scanned on the procedure list, until a procedure is chosen.
HELD_CARD = "reception_card"
HOLD_CARD = timedelta(minutes=15)


def _context(request, nav="dossiers", **extra):
    return {"nav": nav, "can_see_audit": can_see_audit(request.user), **extra}


def _held_card(request, *, keep: bool) -> tuple[str, CardData | None]:
    """The card scanned on the procedure list and not used yet, as (text, data); a card held
    longer than HOLD_CARD is forgotten. `keep` False takes it out of the session."""
    held = request.session.get(HELD_CARD) if keep else request.session.pop(HELD_CARD, None)
    if not held or time.time() - held.get("at", 0) > HOLD_CARD.total_seconds():
        request.session.pop(HELD_CARD, None)
        return "", None
    try:
        return held["text"], parse_card(held["text"], today=timezone.localdate())
    except (CardError, KeyError, TypeError):
        return "", None


def _pick(request):
    """Step 1: choose the procedure. The ID card can be scanned here first: it is held (in the
    officer's session, for a short while) and fills the applicant once a procedure is chosen."""
    card_error = ""
    if request.method == "POST":
        if request.POST.get("decision") == "forget":
            request.session.pop(HELD_CARD, None)
            return redirect(request.get_full_path())
        text = request.POST.get("card", "")[:2000]
        try:
            parse_card(text, today=timezone.localdate())
        except CardError as error:
            card_error = str(error)
        else:
            request.session[HELD_CARD] = {"text": text, "at": time.time()}
            return redirect(request.get_full_path())
    form = ProcedurePickForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    versions = selectors.receivable_versions(request.user, query=query.replace("\x00", ""))
    _text, card = _held_card(request, keep=True)
    return render(
        request,
        "counter/reception/pick.html",
        _context(
            request,
            "reception",
            form=form,
            versions=versions[:50],
            query=query,
            card=card,
            card_error=card_error,
        ),
        status=400 if card_error else 200,
    )

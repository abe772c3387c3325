"""What the portal does when something happens to a dossier: any change drops the cached public
answers for its code, so the lookup never shows a stale state or date."""

from core.events import subscribe
from core.models import DomainEvent
from dossiers import events
from portal.lookup import forget_cached_answer
from postal.services_tracking import DELIVERY_STATUS


# Every action, once each: the state, or a date without a change of state (the apology's).
@subscribe(*events.ACTION_KINDS, key="portal.forget_lookup_answer")
def forget_lookup_answer(event: DomainEvent) -> None:
    forget_cached_answer(event.payload["code"])


# The post's progress with a result is on the lookup page too.
@subscribe(DELIVERY_STATUS, key="portal.forget_lookup_answer_after_tracking")
def forget_lookup_answer_after_tracking(event: DomainEvent) -> None:
    forget_cached_answer(event.payload["code"])

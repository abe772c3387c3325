"""What surveys does when a dossier's result is returned: invite the applicant to rate it."""

from core.actors import ActorKind
from core.events import subscribe
from core.models import DomainEvent
from dossiers import events
from dossiers.models import Dossier
from surveys.services import rating_invite


@subscribe(events.RETURNED, key="surveys.invite_rating")
def invite_rating(event: DomainEvent) -> None:
    dossier = Dossier.objects.get(pk=event.subject_id)
    officer = event.actor if event.actor_kind == ActorKind.STAFF else None
    rating_invite(dossier=dossier, officer=officer, now=event.at)

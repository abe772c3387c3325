"""What payments does when dossiers announce a reception: the dossier's fees become
obligations it can pay, online right after submitting or at the counter."""

from core.events import subscribe
from core.models import DomainEvent
from dossiers.events import RECEIVED, SUBMITTED
from dossiers.models import Dossier
from payments.services_obligations import obligations_ensure


@subscribe(RECEIVED, SUBMITTED, key="payments.obligations_from_fees")
def obligations_from_fees(event: DomainEvent) -> None:
    """Idempotent: a second delivery finds the obligations made by the first."""
    dossier = Dossier.objects.filter(pk=event.subject_id).first()
    if dossier is not None:
        obligations_ensure(dossier=dossier)

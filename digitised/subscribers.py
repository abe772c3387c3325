"""When a dossier's result is ready, its signed result becomes an electronic result with its
metadata (Decree 118 art. 19.2), held for reuse."""

from core.events import subscribe
from core.models import DomainEvent
from digitised.services import digitised_result_record
from dossiers.events import RESULT_READY
from dossiers.models_results import ResultDocument, ResultStage


@subscribe(RESULT_READY, key="digitised.electronic_result")
def record_electronic_result(event: DomainEvent) -> None:
    """Idempotent: a result already recorded is left as it is."""
    final = (
        ResultDocument.objects.filter(dossier_id=event.subject_id, stage=ResultStage.FINAL)
        .exclude(file="")
        .select_related("dossier__procedure_version__procedure", "dossier__handling_agency")
        .order_by("-recorded_at", "-id")
        .first()
    )
    if final is not None:
        digitised_result_record(result=final, actor=event.actor)

"""The named queries whose records other apps keep: the national-portal sync, the digitised
documents and the feedback (PAKN). They replace the placeholders `queries_catalogue` declares,
one `register` line each, so the rules need no change (docs/decisions/0020-reports-and-indices.md).

How we read the indicators the national portal does not define in public (DOMAIN.md §9):
- 1.4 "dossiers synced": the portal holds the dossier (it took at least one of its events);
  1.2 "progress disclosed on time": the portal holds the dossier as it stands now (every event
  MotCua tracked for it was taken), which is what a citizen looking it up there sees.
- 3.3 certified copies: dossiers of the "Chứng thực" field resolved in the period; electronic
  when their result was recorded as an electronic result with its metadata (Decree 118 art. 19.2).
- 5.1 feedback on time: items within competence whose answer fell due in the period, answered
  no later than the due time — the same rule as the feedback app's own on-time page.
- 5.3 "neither late nor complained": dossiers received in the period that were not late (result
  ready by the due date, or not yet due) and about which no feedback item was lodged.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitised.models import DigitisedDocument, DigitisedKind, Reuse
from dossiers.models import Dossier
from feedback.models import FeedbackItem
from feedback.workflow import State as FeedbackState
from reports.queries import RowKind, Scope, register
from reports.queries_catalogue import received, resolved
from sync.models import DossierSync

CERTIFICATION_FIELD = "Chứng thực"

# Items the agency must answer itself: the ones classified as within its competence.
_WITHIN_COMPETENCE = (
    FeedbackState.ACCEPTED,
    FeedbackState.IN_HANDLING,
    FeedbackState.ANSWERED,
    FeedbackState.PUBLISHED,
)


def synced(scope: Scope) -> QuerySet[Dossier]:
    held = DossierSync.objects.filter(dossier=OuterRef("pk"), sent_event_id__gt=0)
    return received(scope).filter(Exists(held))


def disclosed_on_time(scope: Scope) -> QuerySet[Dossier]:
    current = DossierSync.objects.filter(
        dossier=OuterRef("pk"), sent_event_id__gt=0, sent_event_id__gte=F("latest_event_id")
    )
    return received(scope).filter(Exists(current))


def certified_copies(scope: Scope) -> QuerySet[Dossier]:
    return resolved(scope).filter(procedure_version__field__name=CERTIFICATION_FIELD)


def certified_copies_electronic(scope: Scope) -> QuerySet[Dossier]:
    electronic = DigitisedDocument.objects.filter(dossier=OuterRef("pk"), kind=DigitisedKind.RESULT)
    return certified_copies(scope).filter(Exists(electronic))


def reusing_digitised_data(scope: Scope) -> QuerySet[Dossier]:
    return received(scope).filter(Exists(Reuse.objects.filter(dossier=OuterRef("pk"))))


def feedback_due(scope: Scope) -> QuerySet[FeedbackItem]:
    rows = FeedbackItem.objects.filter(
        state__in=_WITHIN_COMPETENCE, due_at__gte=scope.start, due_at__lt=scope.end
    )
    return rows if scope.everything else rows.filter(agency_id__in=scope.agency_ids)


def feedback_answered_on_time(scope: Scope) -> QuerySet[FeedbackItem]:
    return feedback_due(scope).filter(answered_at__isnull=False, answered_at__lte=F("due_at"))


def neither_late_nor_complained(scope: Scope) -> QuerySet[Dossier]:
    # Late: the result came after the due date, or it has not come and the date is past.
    late = Q(due_at__isnull=False) & (
        Q(finished_at__gt=F("due_at")) | Q(finished_at__isnull=True, due_at__lt=timezone.now())
    )
    complained = FeedbackItem.objects.filter(dossier=OuterRef("pk"))
    return received(scope).exclude(late).exclude(Exists(complained))


DOSSIER, PROCEDURE, FEEDBACK = RowKind.DOSSIER, RowKind.PROCEDURE, RowKind.FEEDBACK

register(
    "dossiers_synced",
    label=_("dossiers synchronised with the national portal"),
    kind=DOSSIER,
    rows=synced,
)
register(
    "dossiers_disclosed_on_time",
    label=_("dossiers whose progress the national portal shows as it stands"),
    kind=DOSSIER,
    rows=disclosed_on_time,
)
register(
    "dossiers_certified_copies",
    label=_("certification dossiers"),
    kind=DOSSIER,
    rows=certified_copies,
)
register(
    "dossiers_certified_copies_electronic",
    label=_("certification dossiers with an electronic certified copy"),
    kind=DOSSIER,
    rows=certified_copies_electronic,
)
register(
    "dossiers_reusing_digitised_data",
    label=_("dossiers reusing digitised data"),
    kind=DOSSIER,
    rows=reusing_digitised_data,
)
register(
    "feedback_due",
    label=_("feedback items due in the period"),
    kind=FEEDBACK,
    rows=feedback_due,
)
register(
    "feedback_answered_on_time",
    label=_("feedback items answered on time"),
    kind=FEEDBACK,
    rows=feedback_answered_on_time,
)
register(
    "dossiers_neither_late_nor_complained",
    label=_("dossiers received that were neither late nor complained about"),
    kind=DOSSIER,
    rows=neither_late_nor_complained,
)

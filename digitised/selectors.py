"""Reads of digitised documents: a dossier's components and result with their metadata, the
applicant's documents offered for reuse, and the Decision 766 digitisation indicators."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q

from citizens.models import ConsentPurpose
from citizens.selectors import citizen_by_id_number, consent_in_force
from digitised.models import DigitisedDocument, DigitisedKind, Reuse
from dossiers.models import Dossier, DossierFile, ResultDocument
from dossiers.models_results import ResultStage


@dataclass(frozen=True)
class Offer:
    """What the dossier page offers for reuse: the applicant's valid documents held from other
    dossiers, only when they consented (else `consented` is False and nothing is listed)."""

    holder: str
    consented: bool
    documents: list[DigitisedDocument]
    reused: list[Reuse]


def components_of(dossier: Dossier) -> list[DossierFile]:
    """The dossier's files, each with `digitised` (or none), in one query."""
    return list(
        DossierFile.objects.filter(document__dossier=dossier)
        .select_related("document", "digitised")
        .order_by("document__order", "pk")
    )


def results_of(dossier: Dossier) -> list[DigitisedDocument]:
    return list(
        DigitisedDocument.objects.filter(dossier=dossier, kind=DigitisedKind.RESULT).order_by("pk")
    )


def valid_on(day: date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def reuse_offer(dossier: Dossier, *, today: date) -> Offer:
    """The applicant's valid digitised documents from other dossiers (any agency of this
    deployment: the state holds them), and those already reused here. Constant queries."""
    applicant = next((a for a in dossier.applicants.all() if a.is_primary), None)
    holder = applicant.id_number if applicant is not None else ""
    reused = list(Reuse.objects.filter(dossier=dossier).select_related("document").order_by("pk"))
    citizen = citizen_by_id_number(id_number=holder) if holder else None
    consent = (
        consent_in_force(
            citizen=citizen, purpose=ConsentPurpose.REUSE, agency_code=dossier.receiving_agency.code
        )
        if citizen is not None
        else None
    )
    if consent is None:
        return Offer(holder=holder, consented=False, documents=[], reused=reused)
    taken = {reuse.document_id for reuse in reused}
    documents = [
        document
        for document in DigitisedDocument.objects.filter(valid_on(today), holder_id_number=holder)
        .exclude(dossier=dossier)
        .order_by("-valid_from", "-pk")[:50]
        if document.pk not in taken
    ]
    return Offer(holder=holder, consented=True, documents=documents, reused=reused)


@dataclass(frozen=True)
class Indicators:
    """Decision 766, digitisation group: the shares the index scores (DOMAIN.md §9)."""

    dossiers: int  # received in the period
    components: int  # files of those dossiers
    digitised_components: int
    dossiers_fully_digitised: int  # every file recorded with metadata
    dossiers_with_reuse: int
    results: int  # dossiers with a final result in the period
    electronic_results: int

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def digitised_share(self) -> float | None:
        return self.share(self.digitised_components, self.components)

    @property
    def reuse_share(self) -> float | None:
        return self.share(self.dossiers_with_reuse, self.dossiers)

    @property
    def electronic_result_share(self) -> float | None:
        return self.share(self.electronic_results, self.results)


def digitisation_indicators(*, agency_ids: list[int], start: datetime, end: datetime) -> Indicators:
    """Counts for dossiers received by `agency_ids` in [start, end): seven queries."""
    received = Dossier.objects.filter(
        receiving_agency_id__in=agency_ids, received_at__gte=start, received_at__lt=end
    )
    files = DossierFile.objects.filter(document__dossier__in=received)
    files_of = DossierFile.objects.filter(document__dossier=OuterRef("pk"))
    fully = received.filter(Exists(files_of)).exclude(
        Exists(files_of.filter(digitised__isnull=True))
    )
    finals = ResultDocument.objects.filter(dossier__in=received, stage=ResultStage.FINAL)
    return Indicators(
        dossiers=received.count(),
        components=files.count(),
        digitised_components=files.filter(digitised__isnull=False).count(),
        dossiers_fully_digitised=fully.count(),
        dossiers_with_reuse=received.filter(
            Exists(Reuse.objects.filter(dossier=OuterRef("pk")))
        ).count(),
        results=finals.values("dossier").distinct().count(),
        electronic_results=DigitisedDocument.objects.filter(
            dossier__in=received, kind=DigitisedKind.RESULT
        ).count(),
    )

"""The named queries the Decision 766 rules choose from (DOMAIN.md §9, INTEGRATIONS.md §9).

Definitions follow the national portal's, as a provincial implementation reads them:
"received" is every dossier fully received (not the online submissions still waiting, not the
refused ones); "resolved" is a result ready or returned; a dossier is on time when its result
was ready by the due date it was first given (an apology moves the date promised, never the
count: the dossier stays late, Decree 118 art. 19.6).

The queries at the bottom need records that other apps keep. Until those apps land they are
registered without rows; to plug one in, replace its line with a query over the app's
selectors, as the online-payment queries do with `payments.selectors_reports`.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from catalog.models import (
    Channel,
    Fee,
    ImplementingLevel,
    OnlineLevel,
    ProcedureVersion,
    RequiredDocument,
)
from dossiers.models import Dossier, DossierFee, DossierFile, ResultDocument, StatusChange
from dossiers.workflow import Action, State
from org.access import agency_and_above
from org.models import Agency
from payments.selectors_reports import online_payment_agency_codes, succeeded_online
from reports.queries import RowKind, Scope, register

NOT_RECEIVED = (State.SUBMITTED, State.REFUSED)
RESOLVED = (State.RESULT_READY, State.RETURNED)


def dossiers_in_scope(scope: Scope) -> QuerySet[Dossier]:
    """A dossier counts for the agencies that received it and for the one that decides it, as
    staff see it (org.access)."""
    if scope.everything:
        return Dossier.objects.all()
    ids = scope.agency_ids
    return Dossier.objects.filter(Q(competent_agency_id__in=ids) | Q(receiving_agency_id__in=ids))


def received(scope: Scope) -> QuerySet[Dossier]:
    return (
        dossiers_in_scope(scope)
        .filter(received_at__gte=scope.start, received_at__lt=scope.end)
        .exclude(state__in=NOT_RECEIVED)
    )


def resolved(scope: Scope) -> QuerySet[Dossier]:
    return dossiers_in_scope(scope).filter(
        state__in=RESOLVED, finished_at__gte=scope.start, finished_at__lt=scope.end
    )


def resolved_on_time(scope: Scope) -> QuerySet[Dossier]:
    # Compared with the first due date: time, not date only, as the dossier page classifies.
    return resolved(scope).filter(Q(due_at__isnull=True) | Q(finished_at__lte=F("due_at")))


def online_eligible(scope: Scope) -> QuerySet[Dossier]:
    """Dossiers of procedures offered fully online, at the counter or online: the post is
    outside both sides of the online rate."""
    return received(scope).filter(
        procedure_version__online_level=OnlineLevel.FULL,
        channel__in=(Channel.DIRECT, Channel.ONLINE),
    )


def online_full(scope: Scope) -> QuerySet[Dossier]:
    return online_eligible(scope).filter(channel=Channel.ONLINE)


def with_electronic_result(scope: Scope) -> QuerySet[Dossier]:
    signed_file = ResultDocument.objects.filter(dossier=OuterRef("pk"), stage="final").exclude(
        file=""
    )
    return resolved(scope).filter(Exists(signed_file))


def with_scanned_documents(scope: Scope) -> QuerySet[Dossier]:
    scans = DossierFile.objects.filter(document__dossier=OuterRef("pk"))
    return received(scope).filter(Exists(scans))


def with_fees(scope: Scope) -> QuerySet[Dossier]:
    fees = DossierFee.objects.filter(dossier=OuterRef("pk"), amount__gt=0)
    return received(scope).filter(Exists(fees))


def multi_level(scope: Scope) -> QuerySet[Dossier]:
    """Dossiers of procedures decided at several levels (liên thông): those that must move
    between agencies."""
    return received(scope).filter(procedure_version__implementing_level=ImplementingLevel.MULTI)


def transferred(scope: Scope) -> QuerySet[Dossier]:
    """Of those, the ones handed to another agency inside MotCua: a hand-over recorded here is
    electronic (a paper hand-over leaves no transfer row)."""
    moves = StatusChange.objects.filter(dossier=OuterRef("pk"), action=Action.TRANSFER)
    return multi_level(scope).filter(Exists(moves))


def procedures_in_effect(scope: Scope) -> QuerySet[ProcedureVersion]:
    """The procedure versions the chosen agencies handled during the period: published before
    it ended and not expired before it began."""
    return (
        ProcedureVersion.objects.filter(
            procedure__agencies__id__in=scope.agency_ids,
            published_at__lt=scope.end,
        )
        .filter(Q(expired_at__isnull=True) | Q(expired_at__gte=scope.start))
        .distinct()
    )


def procedures_published_on_time(scope: Scope) -> QuerySet[ProcedureVersion]:
    """Published on the board no later than the day it took effect. A version without an
    effective date cannot show it was on time, so it is not counted as on time."""
    in_effect = procedures_in_effect(scope).filter(effective_from__isnull=False)
    # `__date` is the date in the current time zone, Vietnam's (settings.TIME_ZONE).
    return in_effect.filter(published_at__date__lte=F("effective_from"))


def procedures_complete(scope: Scope) -> QuerySet[ProcedureVersion]:
    """Every component published: documents, legal basis and result."""
    documents = RequiredDocument.objects.filter(version=OuterRef("pk"))
    return (
        procedures_in_effect(scope)
        .filter(Exists(documents))
        .exclude(legal_basis="")
        .exclude(result_type="")
    )


def procedures_with_fees(scope: Scope) -> QuerySet[ProcedureVersion]:
    fees = Fee.objects.filter(version=OuterRef("pk"), amount__gt=0)
    return procedures_in_effect(scope).filter(Exists(fees))


def procedures_fees_online(scope: Scope) -> QuerySet[ProcedureVersion]:
    """Procedures with fees that citizens can pay online: those of agencies (or above the
    collecting agencies) whose payment gateway is a real one (payments.selectors_reports)."""
    codes = online_payment_agency_codes()
    with_fees = procedures_with_fees(scope)
    if codes is None:
        return with_fees
    collecting = Agency.objects.filter(code__in=codes).values_list("pk", flat=True)
    return with_fees.filter(procedure__agencies__id__in=agency_and_above(collecting)).distinct()


def procedures_with_online_payments(scope: Scope) -> QuerySet[ProcedureVersion]:
    """Procedures with fees of which at least one dossier in scope was paid online in the
    period."""
    paid = succeeded_online().filter(
        obligation__dossier__procedure_version=OuterRef("pk"),
        obligation__dossier__in=dossiers_in_scope(scope),
        settled_at__gte=scope.start,
        settled_at__lt=scope.end,
    )
    return procedures_with_fees(scope).filter(Exists(paid))


def paid_online(scope: Scope) -> QuerySet[Dossier]:
    """Dossiers with fees, received in the period, with a fee paid online (whenever paid): the
    share of fee transactions paid online, as the portal's 6.3 counts dossiers."""
    paid = succeeded_online().filter(obligation__dossier=OuterRef("pk"))
    return with_fees(scope).filter(Exists(paid))


DOSSIER, PROCEDURE, OTHER = RowKind.DOSSIER, RowKind.PROCEDURE, RowKind.OTHER

# Computable from the dossiers and the catalogue today.
register("dossiers_received", label=_("dossiers received"), kind=DOSSIER, rows=received)
register("dossiers_resolved", label=_("dossiers resolved"), kind=DOSSIER, rows=resolved)
register(
    "dossiers_resolved_on_time",
    label=_("dossiers resolved early or on time"),
    kind=DOSSIER,
    rows=resolved_on_time,
)
register(
    "dossiers_online_eligible",
    label=_("dossiers of fully online procedures, at the counter or online"),
    kind=DOSSIER,
    rows=online_eligible,
)
register(
    "dossiers_online_full",
    label=_("dossiers submitted fully online"),
    kind=DOSSIER,
    rows=online_full,
)
register(
    "dossiers_electronic_result",
    label=_("resolved dossiers with a signed electronic result"),
    kind=DOSSIER,
    rows=with_electronic_result,
)
register(
    "dossiers_scanned_documents",
    label=_("dossiers with scanned documents"),
    kind=DOSSIER,
    rows=with_scanned_documents,
)
register("dossiers_with_fees", label=_("dossiers with fees"), kind=DOSSIER, rows=with_fees)
register(
    "dossiers_multi_level",
    label=_("dossiers of procedures decided at several levels"),
    kind=DOSSIER,
    rows=multi_level,
)
register(
    "dossiers_transferred",
    label=_("of those, dossiers handed to another agency in MotCua"),
    kind=DOSSIER,
    rows=transferred,
)
register(
    "procedures_in_effect",
    label=_("procedures in effect"),
    kind=PROCEDURE,
    rows=procedures_in_effect,
)
register(
    "procedures_published_on_time",
    label=_("procedures published by their effective date"),
    kind=PROCEDURE,
    rows=procedures_published_on_time,
)
register(
    "procedures_complete",
    label=_("procedures with every component published"),
    kind=PROCEDURE,
    rows=procedures_complete,
)
register(
    "procedures_with_fees",
    label=_("procedures with fees"),
    kind=PROCEDURE,
    rows=procedures_with_fees,
)
register(
    "procedures_fees_online",
    label=_("procedures whose fees can be paid on the portal"),
    kind=PROCEDURE,
    rows=procedures_fees_online,
)
register(
    "procedures_with_online_payments",
    label=_("procedures with online payment transactions"),
    kind=PROCEDURE,
    rows=procedures_with_online_payments,
)
register(
    "dossiers_paid_online",
    label=_("dossiers whose fees were paid online"),
    kind=DOSSIER,
    rows=paid_online,
)

# Declared, not available (the sync, digitised and feedback ones are in `queries_connected`):
# data MotCua does not hold. The portal's data store and the population database answer
# nothing we can count, and no questionnaire asks yet whether a person was satisfied with how
# their feedback was handled.
register(
    "dossiers_synced_to_data_store",
    label=_("dossiers synchronised with the portal's data store"),
    kind=DOSSIER,
    provided_by="sync",
)
register(
    "dossiers_population_database",
    label=_("dossiers using the national population database"),
    kind=DOSSIER,
    provided_by="sync",
)
register(
    "procedures_population_database",
    label=_("procedures connected to the national population database"),
    kind=PROCEDURE,
    provided_by="sync",
)
register(
    "feedback_handling_answers",
    label=_("answers on the handling of feedback"),
    kind=OTHER,
    provided_by="surveys",
)
register(
    "feedback_handling_satisfied",
    label=_("answers satisfied with the handling of feedback"),
    kind=OTHER,
    provided_by="surveys",
)

"""Reads for the citizen's pages: what may be submitted online and where, and the dossiers a
citizen may see."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from catalog import selectors as catalog_selectors
from catalog.models import Channel, OnlineLevel, ProcedureVersion
from core.holds import result_held
from counter.services_portal_guidance import guided_session_for_code
from dossiers.models import Applicant, Dossier, ReturnMethod, StatusChange
from dossiers.models_results import ResultDocument, ResultStage
from dossiers.workflow import Action, State
from online.models import Draft
from org.access import agency_and_above
from org.models import Agency

ONLINE_LEVELS = (OnlineLevel.FULL, OnlineLevel.PARTIAL)


def submittable_version(procedure_pk: int) -> ProcedureVersion:
    """The published version of a procedure that takes dossiers online (toàn trình or một
    phần); 404 for the others."""
    version = catalog_selectors.procedure_public_get(procedure_pk)
    online = any(
        term.channel == Channel.ONLINE and term.available for term in version.channels.all()
    )
    if version.online_level not in ONLINE_LEVELS or not online:
        raise Http404
    return version


def receiving_choices(version: ProcedureVersion) -> list[Agency]:
    """Decree 118: any one-stop shop of the province may receive, wherever the citizen lives;
    the shops whose units handle the procedure."""
    return list(catalog_selectors.receiving_points(version.procedure).order_by("name"))


def competent_agency_for(version: ProcedureVersion, receiving: Agency) -> Agency | None:
    """The agency of the procedure at or above the receiving shop, the kind the catalogue
    names first (as the counter chooses it)."""
    above = agency_and_above([receiving])
    agencies = [
        agency for agency in version.procedure.agencies.filter(is_active=True) if agency.pk in above
    ]
    agencies.sort(key=lambda a: (a.kind != version.competent_agency_kind, a.code))
    return agencies[0] if agencies else None


def return_methods(version: ProcedureVersion) -> list[str]:
    """At the counter always; by post where the procedure returns results by post; online for
    a procedure that is fully online (its result is electronic)."""
    methods = [ReturnMethod.COUNTER]
    if version.postal_return:
        methods.append(ReturnMethod.POST)
    if version.online_level == OnlineLevel.FULL:
        methods.append(ReturnMethod.ONLINE)
    return methods


def draft_of(*, account, key) -> Draft:
    draft = (
        Draft.objects.filter(account=account, key=key)
        .select_related("version__procedure", "dossier")
        .first()
    )
    if draft is None:
        raise Http404
    return draft


def citizen_dossiers(account) -> QuerySet[Dossier]:
    """Every dossier the citizen may see: those they submitted from this account, and, once
    their ID number is verified, those received under it anywhere (at the counter too)."""
    # Two indexed lookups, then the dossiers by primary key: one OR across the joins made
    # PostgreSQL scan every dossier (3.4 s at 1,000,000; benchmarks/portal_pages.py).
    ids = set(
        Draft.objects.filter(account=account, dossier__isnull=False).values_list(
            "dossier_id", flat=True
        )
    )
    if account.verified:
        ids.update(
            Applicant.objects.filter(
                Q(citizen_id=account.citizen_id) | Q(id_number=account.id_number)
            ).values_list("dossier_id", flat=True)
        )
    return Dossier.objects.filter(pk__in=sorted(ids)).select_related(
        "procedure_version", "receiving_agency"
    )


def citizen_dossier(account, pk: int) -> Dossier:
    """One of the citizen's dossiers; anyone else's is 404, as if it did not exist (R5)."""
    dossier = (
        citizen_dossiers(account)
        .filter(pk=pk)
        .select_related("return_agency", "competent_agency")
        .prefetch_related("history", "fees", "documents")
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


def drafts_of(account) -> QuerySet[Draft]:
    """The citizen's unsubmitted drafts, last touched first."""
    return Draft.objects.filter(account=account, dossier__isnull=True).select_related("version")


# The letters the applicant was given or sent, by the step that issued each (Mẫu 01–05).
LETTER_STEPS = {
    "01": ("receive", Action.ACCEPT),
    "02": (Action.REQUEST_SUPPLEMENT,),
    "03": (Action.REFUSE,),
    "04": (Action.APOLOGISE,),
    "05": (Action.STOP, Action.CLOSE_UNSUPPLEMENTED),
}


def letters_of(dossier: Dossier) -> list[str]:
    """The numbers of the letters this dossier has, in order. Mẫu 01 only once received in
    full (at the counter, or accepted online)."""
    done = {step.action for step in dossier.history.all()}
    numbers = []
    for number, actions in LETTER_STEPS.items():
        if number == "01" and dossier.received_at is None:
            continue
        if done & set(actions):
            numbers.append(number)
    return numbers


def citizen_dossier_for_letters(account, pk: int) -> Dossier:
    """One of the citizen's dossiers with what the official forms print (dossiers.documents)."""
    history = StatusChange.objects.select_related(
        "actor", "handed_to", "actor_agency__parent", "actor_agency__unit", "handed_to_agency"
    )
    dossier = (
        citizen_dossiers(account)
        .filter(pk=pk)
        .select_related(
            "procedure_version__procedure",
            "receiving_agency__parent",
            "receiving_agency__unit",
            "competent_agency",
            "handling_agency__parent",
            "return_agency",
        )
        .prefetch_related(
            "applicants",
            "documents",
            "fees",
            "procedure_version__channels",
            Prefetch("history", queryset=history),
        )
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


def supplement_items(dossier: Dossier) -> list[str]:
    """What the supplement request (Mẫu 02) asked for, one item a line, as its reason lists
    them; the documents the checklist left unreceived when the reason names none."""
    change = next(
        (
            step
            for step in reversed(dossier.history.all())
            if step.action == Action.REQUEST_SUPPLEMENT
        ),
        None,
    )
    lines = [
        line.strip(" -•*\t")
        for line in (change.reason if change else "").splitlines()
        if line.strip(" -•*\t")
    ]
    return lines or [document.name for document in dossier.documents.all() if not document.received]


def electronic_result(dossier: Dossier) -> ResultDocument | None:
    """The signed result document with its file, for a dossier whose result goes back online
    and has been approved; None otherwise (paper results stay at the counter or go by post)."""
    if dossier.return_method != ReturnMethod.ONLINE or dossier.state not in (
        State.RESULT_READY,
        State.RETURNED,
    ):
        return None
    if dossier.state == State.RESULT_READY and result_held(dossier):
        return None  # a fee collected at the result is still unpaid: paying it releases it
    return (
        ResultDocument.objects.filter(dossier=dossier, stage=ResultStage.FINAL)
        .exclude(file="")
        .order_by("-recorded_at", "-id")
        .first()
    )


def guide_of(draft):
    """The guided session the draft's help code names, while it is valid (for the banner)."""
    if not draft.guide_code:
        return None
    return guided_session_for_code(draft.guide_code, version=draft.version)

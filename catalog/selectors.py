"""Reads of the catalogue: the public lists and pages, and the staff lists."""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from catalog.declaration import Addressee, declaration_addressee
from catalog.models import (
    ChannelTerm,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    VersionStatus,
)
from catalog.search import filter_by_terms
from org.access import is_system_admin, manageable_agency_ids, reference_agency_ids
from org.models import Agency, AgencyKind

COUNTERS = [AgencyKind.COMMUNE_CENTRE, AgencyKind.PROVINCIAL_CENTRE]


@dataclass(frozen=True)
class CatalogueFilter:
    query: str = ""
    field: str = ""  # field code
    agency: str = ""  # agency code
    online_level: str = ""
    postal: bool = False


def published_versions() -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "procedure", "field"
    )


def procedure_search(criteria: CatalogueFilter) -> QuerySet[ProcedureVersion]:
    """Published procedures matching the filters, by field then name. One query."""
    versions = published_versions()
    if criteria.query:
        versions = filter_by_terms(versions, criteria.query)
    if criteria.field:
        versions = versions.filter(field__code=criteria.field)
    if criteria.agency:
        versions = versions.filter(procedure__agencies__code=criteria.agency)
    if criteria.online_level:
        versions = versions.filter(online_level=criteria.online_level)
    if criteria.postal:
        versions = versions.filter(postal_receipt=True)
    return versions.order_by("field__name", "name").distinct()


def notice_board(kind: str, *, agency: str = "") -> QuerySet[ProcedureVersion]:
    """The lists the one-stop shop must post: all, fully online, partly online, by post."""
    criteria = {
        "all": CatalogueFilter(agency=agency),
        "full": CatalogueFilter(agency=agency, online_level=OnlineLevel.FULL),
        "partial": CatalogueFilter(agency=agency, online_level=OnlineLevel.PARTIAL),
        "postal": CatalogueFilter(agency=agency),
    }[kind]
    versions = procedure_search(criteria).prefetch_related(
        Prefetch("channels", queryset=ChannelTerm.objects.order_by("channel")), "fees"
    )
    if kind == "postal":
        versions = versions.filter(Q(postal_receipt=True) | Q(postal_return=True))
    return versions


def procedure_public_get(pk: int) -> ProcedureVersion:
    """The current version of a published procedure, with everything its page shows."""
    version = (
        published_versions()
        .filter(procedure_id=pk)
        .prefetch_related("channels", "fees", "documents", "steps", "form_fields")
        .first()
    )
    if version is None:
        raise Http404
    return version


def receiving_points(procedure: Procedure) -> QuerySet[Agency]:
    """Where a citizen can hand in the dossier: the one-stop counters of the units whose
    agencies handle the procedure."""
    units = procedure.agencies.values("unit")
    return Agency.objects.filter(unit__in=units, kind__in=COUNTERS, is_active=True).select_related(
        "unit"
    )


def fields_in_use() -> QuerySet[ProcedureField]:
    return ProcedureField.objects.filter(versions__status=VersionStatus.PUBLISHED).distinct()


def agencies_with_procedures() -> QuerySet[Agency]:
    return (
        Agency.objects.filter(procedures__versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .order_by("name")
    )


# --- Staff ---------------------------------------------------------------------------------


def _staff_procedures(user, *, for_change: bool) -> QuerySet[Procedure]:
    """Procedures a staff member may read (those of their agencies and the agencies above) or,
    `for_change`, manage: a procedure shared with an agency they do not administer (another
    commune's, the province's) is not theirs to change."""
    if is_system_admin(user):
        return Procedure.objects.all()
    if for_change:
        manageable = manageable_agency_ids(user)
        outside = Agency.objects.exclude(id__in=manageable)
        return Procedure.objects.filter(agencies__in=manageable).exclude(agencies__in=outside)
    return Procedure.objects.filter(agencies__in=reference_agency_ids(user))


def procedures_manageable(user) -> QuerySet[Procedure]:
    return _staff_procedures(user, for_change=True)


def procedures_for_staff(user, *, query: str = "") -> QuerySet[ProcedureVersion]:
    """The newest version of each procedure the user may read (drafts included)."""
    procedures = _staff_procedures(user, for_change=False)
    versions = ProcedureVersion.objects.filter(procedure__in=procedures).select_related(
        "procedure", "field"
    )
    newest = ProcedureVersion.objects.filter(procedure=OuterRef("procedure")).order_by("-number")
    versions = versions.filter(number=Subquery(newest.values("number")[:1]))
    if query:
        versions = filter_by_terms(versions, query)
    return versions.order_by("field__name", "name")


def procedure_for_staff(user, *, pk: int, for_change: bool = False) -> Procedure:
    procedures = _staff_procedures(user, for_change=for_change)
    found = procedures.filter(pk=pk).distinct().first()
    if found is None:
        raise Http404
    return found


def declaration_addressee_for(
    version: ProcedureVersion, *, agency: Agency | None = None, user=None
) -> Addressee:
    """Who a declaration of `version` is addressed to: `agency` (a dossier's competent agency)
    or, for a blank form, the one agency of the competent kind that handles the procedure (of
    those `user` works for, when given); with several, the citizen writes the name in."""
    if agency is None:
        candidates = version.procedure.agencies.filter(
            kind=version.competent_agency_kind, is_active=True
        )
        if user is not None:
            candidates = candidates.filter(id__in=reference_agency_ids(user))
        found = list(candidates[:2])
        agency = found[0] if len(found) == 1 else None
    return declaration_addressee(
        note=version.competent_agency_note, agency_name=agency.name if agency else ""
    )


def adaptation_agencies(user, procedure: Procedure) -> list[Agency]:
    """The agencies of a procedure `user` administers without administering all of them (a
    shared, seeded procedure): those a local variant would be for. Empty when the user may
    change the procedure itself, or administers none of its agencies."""
    if is_system_admin(user):
        return []
    manageable = manageable_agency_ids(user)
    agencies = list(procedure.agencies.filter(is_active=True).order_by("code"))
    if all(agency.pk in manageable for agency in agencies):
        return []
    return [agency for agency in agencies if agency.pk in manageable]


def adaptations_for(user, procedure: Procedure) -> QuerySet[Procedure]:
    """Local variants of `procedure` that `user` may change."""
    return procedures_manageable(user).filter(adapted_from=procedure).distinct()

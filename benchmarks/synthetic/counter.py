"""What the reception benchmarks receive: a published procedure the counter offers with a time
limit, the communes' receiving officers, and one reception as the counter builds it."""

from catalog.models import Channel, ChannelTerm, ProcedureVersion
from dossiers.services import ApplicantData, ChecklistItem, Reception
from org.models import AgencyKind, Role, StaffRole


def counter_version() -> ProcedureVersion | None:
    """The first published version with a counter time limit, loaded as the reception view
    loads it (dossiers.selectors.receivable_version)."""
    return (
        ProcedureVersion.objects.filter(
            status="published",
            channels__in=ChannelTerm.objects.filter(
                channel=Channel.DIRECT, term_value__isnull=False
            ),
        )
        .order_by("id")
        .prefetch_related("documents", "form_fields", "fees", "channels")
        .first()
    )


def commune_officers() -> list[StaffRole]:
    """The receiving officers of the communes' service centres, by agency code."""
    return list(
        StaffRole.objects.filter(
            role=Role.RECEIVING_OFFICER, agency__kind=AgencyKind.COMMUNE_CENTRE
        )
        .select_related("user", "agency__parent")
        .order_by("agency__code")
    )


def counter_checklist(version: ProcedureVersion) -> list[ChecklistItem]:
    return [
        ChecklistItem(name=doc.name, required_id=doc.pk, originals=1)
        for doc in version.documents.all()[:3]
    ]


def counter_reception(version, checklist, officer: StaffRole, index: int):
    """Reception number `index` at `officer`'s counter, and who receives it."""
    return (
        Reception(
            version=version,
            receiving_agency=officer.agency,
            competent_agency=officer.agency.parent,
            applicant=ApplicantData(
                full_name="Nguyễn Văn Thử",
                id_number=f"001090{index % 1_000_000:06d}",
                phone="0912345678",
            ),
            checklist=checklist,
        ),
        officer.user,
    )

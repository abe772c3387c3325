"""The places and procedures synthetic dossiers use: the demo communes plus real communes of the
demo province, each with a committee, a one-stop centre and three staff accounts."""

import random
from dataclasses import dataclass, field

from django.db import transaction

from catalog.demo import catalog_seed
from catalog.models import Channel, ProcedureVersion, VersionStatus
from core.workdays import OfficeHours, Term, TermUnit
from org.demo import PROVINCE_CODE, demo_seed
from org.models import AdministrativeUnit, Agency, AgencyKind, Role, StaffRole, UnitLevel, User
from org.selectors import office_hours_for

# Procedures citizens ask for most: certification and civil status dwarf everything else.
POPULAR = {"chứng thực": 6.0, "khai sinh": 4.0, "kết hôn": 3.0, "khai tử": 2.0, "hôn nhân": 2.0}
SYNTHETIC_ROLES = {
    Role.RECEIVING_OFFICER: "tiepnhan",
    Role.SPECIALIST: "chuyenvien",
    Role.LEADER: "lanhdao",
}


@dataclass
class Office:
    """One commune's counter (centre) and the committee that decides its dossiers."""

    committee: Agency
    centre: Agency
    officer_id: int | None
    specialist_id: int | None
    leader_id: int | None
    weight: float
    place: str  # "Phường Hoàn Kiếm, Thành phố Hà Nội", for addresses
    province_code: str  # "01", for ID numbers
    hours: OfficeHours = field(default_factory=OfficeHours)


@dataclass
class ProcedureChoice:
    version_id: int
    name: str
    terms: dict  # channel → core.workdays.Term, for the channels that are open and have one
    documents: list  # (required_id, name, originals, copies)
    weight: float


def world_prepare(*, communes: int, rng: random.Random):
    """(offices, procedures), seeding the demo data first when the catalogue is empty."""
    if not ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).exists():
        demo_seed()
        catalog_seed()
    elif not Agency.objects.filter(kind=AgencyKind.COMMUNE_CENTRE).exists():
        demo_seed()
    _synthetic_communes(communes)
    offices = [_office(centre, rng) for centre in _centres()]
    procedures = _procedures()
    if not offices or not procedures:
        raise ValueError("No commune centre or no published procedure with a time limit.")
    return offices, procedures


@transaction.atomic
def _synthetic_communes(count: int) -> None:
    """Up to `count` extra communes of the demo province, with agencies and staff. Idempotent."""
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=PROVINCE_CODE)
    taken = set(
        Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).values_list("unit_id", flat=True)
    )
    units = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent=province)
        .exclude(pk__in=taken)
        .order_by("code")[: max(count - _synthetic_count(), 0)]
    )
    provincial = Agency.objects.filter(unit=province, parent=None).first()
    procedures = list(ProcedureVersion.objects.values_list("procedure_id", flat=True).distinct())
    for unit in units:
        part = str(int(unit.code))
        committee = Agency.objects.create(
            code=f"000.00.{part}.H01",
            name=f"Ủy ban nhân dân {unit.name}",
            kind=AgencyKind.COMMUNE_COMMITTEE,
            unit=unit,
            parent=provincial,
        )
        centre = Agency.objects.create(
            code=f"000.10.{part}.H01",
            name=f"Trung tâm Phục vụ hành chính công {unit.name}",
            short_name="TTPVHCC",
            kind=AgencyKind.COMMUNE_CENTRE,
            unit=unit,
            parent=committee,
        )
        for role, suffix in SYNTHETIC_ROLES.items():
            user = User(username=f"synth{part}.{suffix}", full_name=f"Cán bộ {suffix} {part}")
            user.set_unusable_password()
            user.save()
            place = centre if role == Role.RECEIVING_OFFICER else committee
            StaffRole.objects.create(user=user, agency=place, role=role)
        Agency.procedures.through.objects.bulk_create(
            [
                Agency.procedures.through(agency_id=committee.pk, procedure_id=procedure_id)
                for procedure_id in procedures
            ],
            ignore_conflicts=True,
        )


def _synthetic_count() -> int:
    return User.objects.filter(username__startswith="synth", username__endswith=".tiepnhan").count()


def _centres():
    return (
        Agency.objects.filter(kind=AgencyKind.COMMUNE_CENTRE, parent__isnull=False, is_active=True)
        .select_related("parent", "unit__parent")
        .order_by("code")
    )


def _office(centre: Agency, rng: random.Random) -> Office:
    committee = centre.parent
    roles = StaffRole.objects.filter(
        agency__in=[centre, committee] + list(committee.children.all())
    )
    holder = {role: user_id for user_id, role in roles.values_list("user_id", "role")}
    province = centre.unit.parent.name if centre.unit.parent else ""
    return Office(
        committee=committee,
        centre=centre,
        officer_id=holder.get(Role.RECEIVING_OFFICER),
        specialist_id=holder.get(Role.SPECIALIST),
        leader_id=holder.get(Role.LEADER),
        weight=rng.lognormvariate(0, 0.5),  # urban wards see several times a rural commune
        place=f"{centre.unit.name}, {province}".strip(", "),
        province_code=centre.unit.parent.code if centre.unit.parent else PROVINCE_CODE,
        hours=office_hours_for(committee),
    )


def _procedures() -> list[ProcedureChoice]:
    choices = []
    versions = ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED).prefetch_related(
        "channels", "documents"
    )
    for version in versions.order_by("id"):
        terms = {
            channel.channel: Term(channel.term_value, TermUnit(channel.term_unit))
            for channel in version.channels.all()
            if channel.available and channel.term_value is not None
        }
        if Channel.DIRECT not in terms:
            continue  # no published time limit: no due date to compute
        name = version.name.lower()
        weight = max([w for key, w in POPULAR.items() if key in name], default=1.0)
        documents = [
            (doc.pk, doc.name, doc.originals, doc.certified_copies + doc.photocopies)
            for doc in version.documents.all()[:4]
        ]
        choices.append(ProcedureChoice(version.pk, version.name, terms, documents, weight))
    return choices

"""Demo data: one real province, two real communes, their agencies and one account per role.

The unit names and codes come from the official list; the agency codes are illustrative values in
the national format and must be replaced by the codes the province issued.
"""

from dataclasses import dataclass
from datetime import time

from django.db import transaction
from django.utils.translation import gettext as _

from org.models import AdministrativeUnit, Agency, AgencyKind, Role, StaffRole, UnitLevel, User
from org.units import units_load

DEMO_PASSWORD = "motcua-demo-2026"
PROVINCE_CODE = "01"  # Thành phố Hà Nội


@dataclass(frozen=True)
class DemoCommune:
    unit_code: str
    slug: str
    code_part: str
    names: dict[str, str]  # role → full name of the demo account


COMMUNES = [
    DemoCommune(
        unit_code="00070",
        slug="hoankiem",
        code_part="70",
        names={
            Role.RECEIVING_OFFICER: "Nguyễn Thị Lan",
            Role.SPECIALIST: "Trần Văn Minh",
            Role.LEADER: "Lê Quang Huy",
            Role.POSTAL_CLERK: "Phạm Thu Hà",
            Role.VOLUNTEER: "Đặng Thị Ngọc Ánh",
            Role.INSPECTOR: "Vũ Đức Thắng",
            Role.AGENCY_ADMIN: "Hoàng Minh Tuấn",
            Role.HAMLET_OFFICER: "Mai Văn Thôn",
        },
    ),
    DemoCommune(
        unit_code="00376",
        slug="socson",
        code_part="376",
        names={
            Role.RECEIVING_OFFICER: "Bùi Thị Hương",
            Role.SPECIALIST: "Ngô Văn Nam",
            Role.LEADER: "Đỗ Mạnh Cường",
            Role.POSTAL_CLERK: "Lý Thị Mai",
            Role.VOLUNTEER: "Trịnh Văn Ưu",
            Role.INSPECTOR: "Phan Thị Thủy",
            Role.AGENCY_ADMIN: "Dương Quốc Bảo",
            Role.HAMLET_OFFICER: "Kiều Thị Xóm",
        },
    ),
]

# Which agency of the commune each role sits in. The committee is the parent of the centre and
# the section, so roles held there see all three.
ROLE_PLACE = {
    Role.RECEIVING_OFFICER: "centre",
    Role.POSTAL_CLERK: "centre",
    Role.VOLUNTEER: "centre",
    Role.SPECIALIST: "committee",  # commune civil servants work the committee's dossiers
    Role.LEADER: "committee",
    Role.INSPECTOR: "committee",
    Role.AGENCY_ADMIN: "committee",
    Role.HAMLET_OFFICER: "committee",  # named for some hamlets in the disclosure register
}
ROLE_USERNAME = {
    Role.RECEIVING_OFFICER: "tiepnhan",
    Role.SPECIALIST: "chuyenvien",
    Role.LEADER: "lanhdao",
    Role.POSTAL_CLERK: "buudien",
    Role.VOLUNTEER: "tinhnguyen",
    Role.INSPECTOR: "kiemtra",
    Role.AGENCY_ADMIN: "quantri",
    Role.HAMLET_OFFICER: "thon",
}
SYSTEM_ADMIN_USERNAME = "quantri.hethong"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role_label: str
    agency_name: str


def _agency(code, **fields) -> Agency:
    agency, _ = Agency.objects.update_or_create(code=code, defaults=fields)
    return agency


def _user(username: str, full_name: str, *, superuser: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "is_staff": superuser, "is_superuser": superuser},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_seed() -> list[DemoAccount]:
    """Create (or bring back) the demo province, communes, agencies and accounts. Idempotent:
    running it again changes nothing and never resets a password someone changed."""
    units_load()
    province = AdministrativeUnit.objects.get(level=UnitLevel.PROVINCE, code=PROVINCE_CODE)
    hours = {"opens_at": time(7, 30), "closes_at": time(17, 0), "same_day_cutoff": time(15, 0)}
    provincial_committee = _agency(
        "000.00.00.H01",
        name=f"Ủy ban nhân dân {province.name}",
        kind=AgencyKind.PROVINCIAL_COMMITTEE,
        unit=province,
        parent=None,
        **hours,
    )
    _agency(
        "000.00.01.H01",
        name=f"Trung tâm Phục vụ hành chính công {province.name}",
        short_name="TTPVHCC tỉnh",
        kind=AgencyKind.PROVINCIAL_CENTRE,
        unit=province,
        parent=provincial_committee,
        **hours,
    )
    _agency(
        "000.00.02.H01",
        name=f"Sở Tư pháp {province.name}",
        kind=AgencyKind.PROVINCIAL_DEPARTMENT,
        unit=province,
        parent=provincial_committee,
        **hours,
    )

    accounts = []
    for commune in COMMUNES:
        unit = AdministrativeUnit.objects.get(level=UnitLevel.COMMUNE, code=commune.unit_code)
        committee = _agency(
            f"000.00.{commune.code_part}.H01",
            name=f"Ủy ban nhân dân {unit.name}",
            kind=AgencyKind.COMMUNE_COMMITTEE,
            unit=unit,
            parent=provincial_committee,
            **hours,
        )
        places = {
            "committee": committee,
            "centre": _agency(
                f"000.10.{commune.code_part}.H01",
                name=f"Trung tâm Phục vụ hành chính công {unit.name}",
                short_name="TTPVHCC",
                kind=AgencyKind.COMMUNE_CENTRE,
                unit=unit,
                parent=committee,
                **hours,
            ),
            "section": _agency(
                f"000.20.{commune.code_part}.H01",
                name=f"Phòng Văn hóa - Xã hội {unit.name}",
                kind=AgencyKind.SPECIALIST_SECTION,
                unit=unit,
                parent=committee,
                **hours,
            ),
        }
        for role, suffix in ROLE_USERNAME.items():
            user = _user(f"{commune.slug}.{suffix}", commune.names[role])
            agency = places[ROLE_PLACE[role]]
            StaffRole.objects.get_or_create(user=user, agency=agency, role=role)
            accounts.append(
                DemoAccount(user.username, user.full_name, str(role.label), agency.name)
            )

    admin = _user(SYSTEM_ADMIN_USERNAME, "Quản trị hệ thống", superuser=True)
    accounts.append(
        DemoAccount(admin.username, admin.full_name, str(_("system administrator")), "—")
    )
    return accounts

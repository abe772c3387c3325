"""Demo duty rosters: for each demo commune's centre, this week and the next, its volunteer
account and two association volunteers without accounts; and a few guidance slips and guided
sessions. Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.selectors import working_calendar
from counter.models import DutyShift, GuidanceSlip, HalfDay, HardStep, HelperOrganisation
from counter.selectors import week_of
from org.demo import COMMUNES, ROLE_USERNAME
from org.models import Agency, Role, User

# Named volunteers per commune slug: (name, organisation, counter, half-day).
NAMED_HELPERS = {
    "hoankiem": [
        ("Nguyễn Thị Hồng Nhung", HelperOrganisation.WOMENS_UNION, "Quầy 3", HalfDay.MORNING),
        ("Trần Quốc Khánh", HelperOrganisation.VETERANS_ASSOCIATION, "Quầy 2", HalfDay.AFTERNOON),
    ],
    "socson": [
        ("Lê Thị Thu Trang", HelperOrganisation.WOMENS_UNION, "Quầy 3", HalfDay.MORNING),
        ("Phạm Văn Hùng", HelperOrganisation.FARMERS_UNION, "Quầy 2", HalfDay.AFTERNOON),
    ],
}


@transaction.atomic
def roster_seed(*, today: date | None = None) -> int:
    """Fill the working days of this week and the next; returns how many shifts were added.
    Running it again adds nothing: each shift is looked up by its unique key first."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    monday = week_of(today)
    days = [monday + timedelta(days=offset) for offset in range(14)]
    created = 0
    for commune in COMMUNES:
        centre = Agency.objects.get(code=f"000.10.{commune.code_part}.H01")
        keeper = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[Role.AGENCY_ADMIN]}")
        volunteer = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[Role.VOLUNTEER]}")
        for number, day in enumerate(day for day in days if calendar.is_working_day(day)):
            # The volunteer with an account alternates between mornings and afternoons.
            half_day = HalfDay.MORNING if number % 2 == 0 else HalfDay.AFTERNOON
            _, new = DutyShift.objects.get_or_create(
                agency=centre,
                day=day,
                half_day=half_day,
                helper=volunteer,
                defaults={
                    "counter": "Quầy 1",
                    "organisation": HelperOrganisation.YOUTH_UNION,
                    "note": "Hướng dẫn nộp hồ sơ trực tuyến",
                    "created_by": keeper,
                },
            )
            created += new
            for name, organisation, counter, named_half in NAMED_HELPERS[commune.slug]:
                _, new = DutyShift.objects.get_or_create(
                    agency=centre,
                    day=day,
                    half_day=named_half,
                    helper=None,
                    helper_name=name,
                    defaults={
                        "counter": counter,
                        "organisation": organisation,
                        "created_by": keeper,
                    },
                )
                created += new
    return created


# What citizens of the demo communes came without, and where they struggled online.
DEMO_SLIPS = [
    ("Trần Văn Tư", "Bản sao giấy tờ chứng minh nơi cư trú"),
    ("", "Ảnh 4x6 nền trắng, chụp trong 6 tháng gần nhất"),
    ("Lò Thị Hoa", ""),
]
DEMO_SESSIONS = [
    (HardStep.ACCOUNT, "Chưa kích hoạt tài khoản VNeID mức 2"),
    (HardStep.UPLOAD, "Chụp giấy tờ bằng điện thoại bị mờ"),
    (HardStep.PAYMENT, ""),
    (HardStep.FORM, "Không rõ cách ghi nơi sinh"),
]


@transaction.atomic
def guidance_seed() -> int:
    """A few guidance slips and guided sessions (one with an online dossier) per demo centre,
    through the same services the screens use. Runs once per centre; returns how many records
    were added."""
    from catalog.models import Channel
    from counter.services_guidance import (
        OnlineSubmission,
        guidance_slip_create,
        guided_session_record,
    )
    from dossiers.selectors import competent_agencies, receivable_versions
    from dossiers.services import ApplicantData

    created = 0
    today = timezone.localdate()
    for commune in COMMUNES:
        centre = Agency.objects.get(code=f"000.10.{commune.code_part}.H01")
        officer = User.objects.get(
            username=f"{commune.slug}.{ROLE_USERNAME[Role.RECEIVING_OFFICER]}"
        )
        volunteer = User.objects.get(username=f"{commune.slug}.{ROLE_USERNAME[Role.VOLUNTEER]}")
        # A volunteer guides only on a day the roster names them: on a weekend, a holiday or
        # a day past the seeded fortnight, the demo gives them a shift today, so the demo
        # account can always try the guidance screens.
        if not DutyShift.objects.filter(agency=centre, helper=volunteer, day=today).exists():
            DutyShift.objects.create(
                agency=centre,
                day=today,
                half_day=HalfDay.MORNING,
                helper=volunteer,
                counter="Quầy 1",
                organisation=HelperOrganisation.YOUTH_UNION,
                note="Trực bổ sung",
                created_by=officer,
            )
        if GuidanceSlip.objects.filter(agency=centre).exists():
            continue
        versions = list(receivable_versions(volunteer).prefetch_related("documents")[:4])
        if not versions:
            continue
        for number, (name, other) in enumerate(DEMO_SLIPS):
            version = versions[number % len(versions)]
            documents = [document.name for document in version.documents.all()][:2]
            guidance_slip_create(
                actor=officer if number % 2 else volunteer,
                agency=centre,
                version=version,
                missing_documents=documents if not other or number == 0 else [],
                other_items=other or ("" if documents else "Tờ khai theo mẫu"),
                citizen_name=name,
            )
            created += 1
        # The guided submission goes online: under a procedure that offers that channel.
        online = (
            receivable_versions(volunteer)
            .filter(channels__channel=Channel.ONLINE, channels__available=True)
            .first()
        )
        for number, (step, note) in enumerate(DEMO_SESSIONS):
            version = versions[number % len(versions)]
            submission = None
            if number == 0 and online is not None:
                version = online
                competents = competent_agencies(volunteer, version)
                submission = OnlineSubmission(
                    applicant=ApplicantData(full_name="Đinh Thị Mơ"),
                    competent_agency=competents[0] if competents else None,
                )
            guided_session_record(
                actor=volunteer,
                agency=centre,
                version=version,
                hard_step=step,
                note=note,
                submission=submission,
            )
            created += 1
    return created

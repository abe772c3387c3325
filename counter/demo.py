"""Demo duty rosters: for each demo commune's centre, this week and the next, its volunteer
account and two association volunteers without accounts. Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.selectors import working_calendar
from counter.models import DutyShift, HalfDay, HelperOrganisation
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

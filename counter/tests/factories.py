from datetime import timedelta

import factory
from django.utils import timezone

from counter.models import DutyShift, HalfDay, HelperOrganisation
from org.models import Role
from org.tests.factories import AgencyFactory, UserFactory, give_role


class DutyShiftFactory(factory.django.DjangoModelFactory):
    """A named association volunteer on duty tomorrow morning at Quầy 1."""

    class Meta:
        model = DutyShift

    agency = factory.SubFactory(AgencyFactory)
    day = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1))
    half_day = HalfDay.MORNING
    counter = "Quầy 1"
    helper = None
    helper_name = factory.Sequence(lambda n: f"Tình nguyện viên {n}")
    organisation = HelperOrganisation.YOUTH_UNION
    created_by = factory.SubFactory(UserFactory)


def volunteer_of(agency, **fields):
    user = UserFactory(**fields)
    give_role(user, agency, Role.VOLUNTEER)
    return user

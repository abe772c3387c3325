"""Adding and removing duty shifts: the rules, the database constraints and the audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import AuditEvent
from counter import services
from counter.models import DutyShift, HalfDay, HelperOrganisation
from counter.selectors import roster_week, week_of
from counter.tests.factories import DutyShiftFactory, volunteer_of

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


def add(cast, **overrides):
    values = {
        "actor": cast.alice,
        "agency": cast.centre_a,
        "day": tomorrow(),
        "half_day": HalfDay.MORNING,
        "counter": "Quầy 2",
        "organisation": HelperOrganisation.WOMENS_UNION,
        "helper_name": "Nguyễn Thị Hồng Nhung",
    }
    return services.shift_add(**(values | overrides))


def test_a_volunteer_account_is_put_on_duty_and_the_change_is_audited(cast):
    volunteer = volunteer_of(cast.centre_a, full_name="Đặng Thị Ngọc Ánh")

    shift = add(cast, helper=volunteer, helper_name="", counter="  Quầy   1 ")

    assert shift.counter == "Quầy 1"
    assert shift.helper_display == "Đặng Thị Ngọc Ánh"
    event = AuditEvent.objects.get(action="duty_shift_add")
    assert event.agency_code == cast.centre_a.code
    assert event.actor == cast.alice
    assert event.new_values["helper"] == "Đặng Thị Ngọc Ánh"


def test_a_named_volunteer_without_an_account_can_be_put_on_duty(cast):
    shift = add(cast)

    assert shift.helper is None
    assert shift.helper_display == "Nguyễn Thị Hồng Nhung"


def test_the_database_wants_exactly_one_of_account_and_name(cast):
    volunteer = volunteer_of(cast.centre_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyShiftFactory(agency=cast.centre_a, helper=None, helper_name="")
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyShiftFactory(agency=cast.centre_a, helper=volunteer, helper_name="Ai đó")


def test_the_database_puts_one_person_at_one_counter_per_half_day(cast):
    volunteer = volunteer_of(cast.centre_a)
    DutyShiftFactory(agency=cast.centre_a, helper=volunteer, helper_name="", counter="Quầy 1")
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyShiftFactory(agency=cast.centre_a, helper=volunteer, helper_name="", counter="Quầy 2")
    DutyShiftFactory(agency=cast.centre_a, helper_name="Trần Quốc Khánh")
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyShiftFactory(agency=cast.centre_a, helper_name="Trần Quốc Khánh", counter="Quầy 3")


def test_the_same_person_may_help_in_the_afternoon_and_at_another_centre(cast):
    add(cast)
    add(cast, half_day=HalfDay.AFTERNOON)
    services.shift_add(
        actor=cast.bob,
        agency=cast.centre_b,
        day=tomorrow(),
        half_day=HalfDay.MORNING,
        counter="Quầy 2",
        organisation=HelperOrganisation.WOMENS_UNION,
        helper_name="Nguyễn Thị Hồng Nhung",
    )
    assert DutyShift.objects.count() == 3


def test_a_second_shift_for_the_same_person_and_half_day_is_refused_with_a_message(cast):
    add(cast)
    with pytest.raises(ValidationError) as refused:
        add(cast, counter="Quầy 5")
    assert "Nguyễn Thị Hồng Nhung" in refused.value.message_dict["__all__"][0]
    assert DutyShift.objects.count() == 1


def test_a_past_day_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        add(cast, day=timezone.localdate() - timedelta(days=1))
    assert "day" in refused.value.message_dict
    assert not DutyShift.objects.exists()


def test_only_volunteers_of_the_centre_can_be_chosen_as_accounts(cast):
    volunteer_of_b = volunteer_of(cast.centre_b)
    for person in (cast.bob, volunteer_of_b):
        with pytest.raises(ValidationError) as refused:
            add(cast, helper=person, helper_name="")
        assert "helper" in refused.value.message_dict


def test_account_and_name_together_or_neither_are_refused(cast):
    volunteer = volunteer_of(cast.centre_a)
    with pytest.raises(ValidationError) as both:
        add(cast, helper=volunteer)
    assert "helper_name" in both.value.message_dict
    with pytest.raises(ValidationError) as neither:
        add(cast, helper_name="   ")
    assert "helper" in neither.value.message_dict


def test_a_roster_is_kept_for_centres_only(cast):
    with pytest.raises(ValidationError) as refused:
        add(cast, actor=cast.ada, agency=cast.committee_a)
    assert "__all__" in refused.value.message_dict


def test_only_keepers_of_the_centre_may_change_its_roster(cast):
    for outsider in (cast.bob, cast.ivy):
        with pytest.raises(PermissionDenied):
            add(cast, actor=outsider)
    shift = add(cast, actor=cast.ada)  # the administrator of the commune above the centre
    with pytest.raises(PermissionDenied):
        services.shift_remove(actor=cast.bob, shift=shift)


def test_removing_a_shift_is_audited(cast):
    shift = add(cast)

    services.shift_remove(actor=cast.alice, shift=shift)

    assert not DutyShift.objects.exists()
    event = AuditEvent.objects.get(action="duty_shift_remove")
    assert event.new_values["counter"] == "Quầy 2"


def test_a_shift_of_a_past_day_stays(cast):
    shift = DutyShiftFactory(agency=cast.centre_a, day=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        services.shift_remove(actor=cast.alice, shift=shift)
    assert DutyShift.objects.filter(pk=shift.pk).exists()


def test_the_week_is_a_grid_of_seven_days_by_half_day_with_counters_in_number_order(cast):
    monday = date(2030, 3, 4)  # an ordinary week, far from Tết and any swapped Saturday
    wednesday = monday + timedelta(days=2)
    for counter in ("Quầy 10", "Quầy 2", "Quầy 1"):
        DutyShiftFactory(agency=cast.centre_a, day=wednesday, counter=counter)
    DutyShiftFactory(agency=cast.centre_a, day=wednesday, half_day=HalfDay.AFTERNOON)
    DutyShiftFactory(agency=cast.centre_b, day=wednesday)
    DutyShiftFactory(agency=cast.centre_a, day=monday + timedelta(days=7))

    days = roster_week(agency=cast.centre_a, week_start=wednesday)

    assert [day.day for day in days] == [monday + timedelta(days=n) for n in range(7)]
    assert str(days[0].weekday) == "Thứ Hai" and str(days[6].weekday) == "Chủ nhật"
    assert [s.counter for s in days[2].morning] == ["Quầy 1", "Quầy 2", "Quầy 10"]
    assert len(days[2].afternoon) == 1
    assert sum(len(d.morning) + len(d.afternoon) for d in days) == 4
    assert not days[5].is_working and not days[6].is_working


def test_the_demo_roster_names_the_volunteer_accounts_and_can_be_loaded_twice():
    from counter.demo import roster_seed
    from org.demo import demo_seed

    demo_seed()
    assert roster_seed() > 0
    assert roster_seed() == 0
    usernames = set(
        DutyShift.objects.filter(helper__isnull=False).values_list("helper__username", flat=True)
    )
    assert usernames == {"hoankiem.tinhnguyen", "socson.tinhnguyen"}
    assert (
        DutyShift.objects.filter(helper__isnull=True).values("helper_name").distinct().count() == 4
    )
    assert not DutyShift.objects.filter(day__lt=week_of(timezone.localdate())).exists()

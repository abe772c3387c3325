"""Writes to the duty roster. Every change is audited; only the keepers of a centre's roster
(its administrators and receiving officers) may make it."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from counter.models import DutyShift, HalfDay, HelperOrganisation
from counter.selectors import CENTRE_KINDS, ROSTER_KEEPERS, volunteers_of
from org.access import agency_ids_with_role
from org.models import Agency, User

BOTH = gettext_lazy("Choose a volunteer's account or type a name, not both: clear one of the two.")
NEITHER = gettext_lazy(
    "Choose the helper among the volunteers, or type the name of a volunteer who has no account."
)


def _check_keeper(actor, agency: Agency) -> None:
    if agency.pk not in agency_ids_with_role(actor, ROSTER_KEEPERS):
        raise PermissionDenied


def _audit(action: str, shift: DutyShift, actor, ip: str | None) -> None:
    audit_record(
        action=action,
        actor=actor,
        agency_code=shift.agency.code,
        obj=shift,
        new={
            "day": shift.day.isoformat(),
            "half_day": shift.half_day,
            "counter": shift.counter,
            "helper": shift.helper_display,
            "organisation": shift.organisation,
        },
        ip=ip,
    )


@transaction.atomic
def shift_add(
    *,
    actor: User,
    agency: Agency,
    day: date,
    half_day: str,
    counter: str,
    organisation: str,
    helper: User | None = None,
    helper_name: str = "",
    note: str = "",
    ip: str | None = None,
) -> DutyShift:
    """Put one helper at one counter for one half-day, today or later."""
    _check_keeper(actor, agency)
    counter = " ".join(counter.split())
    helper_name = " ".join(helper_name.split())
    errors: dict[str, str] = {}
    if agency.kind not in CENTRE_KINDS:
        errors["__all__"] = _("Duty rosters are kept for one-stop centres only.")
    if day < timezone.localdate():
        errors["day"] = _("This day has passed: add shifts for today or a later day.")
    if half_day not in HalfDay.values:
        errors["half_day"] = _("Choose the morning or the afternoon.")
    if not counter:
        errors["counter"] = _("Enter the counter, e.g. “Quầy 2”.")
    if organisation not in HelperOrganisation.values:
        errors["organisation"] = _("Choose the helper's organisation in the list.")
    if helper is not None and helper_name:
        errors["helper_name"] = str(BOTH)
    elif helper is None and not helper_name:
        errors["helper"] = str(NEITHER)
    elif helper is not None and not volunteers_of(agency).filter(pk=helper.pk).exists():
        errors["helper"] = _("This person does not hold the volunteer role at this centre.")
    if errors:
        raise ValidationError(errors)

    shift = DutyShift(
        agency=agency,
        day=day,
        half_day=half_day,
        counter=counter,
        helper=helper,
        helper_name=helper_name,
        organisation=organisation,
        note=note.strip(),
        created_by=actor,
    )
    same_person = DutyShift.objects.filter(agency=agency, day=day, half_day=half_day)
    same_person = (
        same_person.filter(helper=helper)
        if helper
        else same_person.filter(helper__isnull=True, helper_name=helper_name)
    )
    taken = _("%(name)s is already on duty at this centre that half-day.") % {
        "name": shift.helper_display
    }
    if same_person.exists():
        raise ValidationError({"__all__": taken})
    try:
        with transaction.atomic():
            shift.save()
    except IntegrityError as error:  # added by someone else a moment ago
        raise ValidationError({"__all__": taken}) from error
    _audit("duty_shift_add", shift, actor, ip)
    return shift


@transaction.atomic
def shift_remove(*, actor: User, shift: DutyShift, ip: str | None = None) -> None:
    """Take a shift off the roster. Shifts of past days stay: they record who helped."""
    _check_keeper(actor, shift.agency)
    if shift.day < timezone.localdate():
        raise ValidationError(
            _("A shift of a past day stays on the roster: it records who was on duty.")
        )
    _audit("duty_shift_remove", shift, actor, ip)
    shift.delete()

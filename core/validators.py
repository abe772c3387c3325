"""Plausibility rules for dates, in one place: a form refuses an implausible date with a clear
message instead of storing it (01/01/0001 as a date of birth) or failing on it later (date
arithmetic past year 1 or 9999)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Nobody alive was born before this year, and no ID card was issued before it.
EARLIEST_PERSON_YEAR = 1900
# Dates an office works with: registers, deadlines, new dates. Wide enough for any plan,
# narrow enough that working-day arithmetic never leaves the calendar.
EARLIEST_OFFICE_YEAR, LATEST_OFFICE_YEAR = 2000, 2100


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def validate_person_date(value: date | datetime | None) -> None:
    """A date in a person's life (birth, an ID card's issue): from 1900, not in the future."""
    if value is None:
        return
    day = _day(value)
    if day.year < EARLIEST_PERSON_YEAR:
        raise ValidationError(
            _("Check the year: a date before %(year)d cannot be right here."),
            code="too_early",
            params={"year": EARLIEST_PERSON_YEAR},
        )
    if day > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


def _years(value, first: int, last: int) -> None:
    if value is not None and not first <= _day(value).year <= last:
        raise ValidationError(
            _("Enter a date between %(first)d and %(last)d."),
            code="out_of_range",
            params={"first": first, "last": last},
        )


def validate_office_date(value: date | datetime | None) -> None:
    """A date an office works with: between 2000 and 2100."""
    _years(value, EARLIEST_OFFICE_YEAR, LATEST_OFFICE_YEAR)


def validate_form_date(value: date | datetime | None) -> None:
    """Any date typed in a declaration: between 1900 and 2100."""
    _years(value, EARLIEST_PERSON_YEAR, LATEST_OFFICE_YEAR)

"""Explain a due date from the command line; the last line is only the due date and time."""

from datetime import date, datetime

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.selectors import working_calendar
from core.workdays import (
    OfficeHours,
    Term,
    TermUnit,
    due_at,
    effective_receipt,
    parse_term,
)

RECEIVED_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")


class Command(BaseCommand):
    help = "Compute a dossier's due date from its receipt time and term (DOMAIN.md §5)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--received",
            required=True,
            help='Receipt time in Vietnam time: "YYYY-MM-DD HH:MM" or "dd/mm/yyyy HH:MM".',
        )
        parser.add_argument(
            "--term",
            required=True,
            help="Nd (working days), 0d (same day) or Nh (working hours).",
        )
        parser.add_argument("--agency", help="Use this agency's office hours (its national code).")

    def handle(self, *args, received: str, term: str, agency: str | None, **options) -> None:
        received_at = parse_received(received)
        try:
            parsed_term = parse_term(term)
        except ValueError as error:
            raise CommandError(
                _("Cannot read the term %(term)r: write 3d, 0d (same day) or 8h.") % {"term": term}
            ) from error
        hours = agency_office_hours(agency) if agency else OfficeHours()
        calendar = working_calendar()

        try:
            start = effective_receipt(received_at, calendar=calendar, hours=hours)
            due = due_at(received_at, parsed_term, calendar=calendar, hours=hours)
        except OverflowError as error:  # a date near year 9999 leaves the calendar
            raise CommandError(_("Enter a date between 2000 and 2100.")) from error

        self.stdout.write(_("Received: %(moment)s") % {"moment": describe(received_at)})
        self.stdout.write(_("Term: %(term)s") % {"term": describe_term(parsed_term, hours)})
        self.stdout.write(
            _("Office hours: %(opens)s–%(closes)s, same-day cut-off %(cutoff)s")
            % {
                "opens": f"{hours.opens:%H:%M}",
                "closes": f"{hours.closes:%H:%M}",
                "cutoff": f"{hours.same_day_cutoff:%H:%M}",
            }
        )
        self.stdout.write(_("Counted from: %(moment)s") % {"moment": describe(start)})
        for day, reason in calendar.non_working_days(received_at.date(), due.date()):
            self.stdout.write(
                _("Not a working day: %(day)s: %(reason)s")
                % {"day": describe(day), "reason": reason}
            )
        # Scripts read the last line, so it carries nothing but the answer.
        self.stdout.write(f"{due:%Y-%m-%d %H:%M}")


def parse_received(text: str) -> datetime:
    for received_format in RECEIVED_FORMATS:
        try:
            return datetime.strptime(text.strip(), received_format)
        except ValueError:
            continue
    raise CommandError(
        _('Cannot read the receipt time %(text)r: write "2026-02-13 10:00" or "13/02/2026 10:00".')
        % {"text": text}
    )


def agency_office_hours(code: str) -> OfficeHours:
    # core may not import org (ARCHITECTURE.md), so this command, a tool for staff and
    # developers, looks the model up by name and copes with org being absent.
    try:
        agency_model = apps.get_model("org", "Agency")
    except LookupError as error:
        raise CommandError(
            _("Agencies are not available: the org app is not installed.")
        ) from error
    agency = agency_model.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(_("No agency has the code %(code)s.") % {"code": code})
    try:
        return OfficeHours(
            opens=agency.opens_at, closes=agency.closes_at, same_day_cutoff=agency.same_day_cutoff
        )
    except ValueError as error:
        raise CommandError(
            _("The office hours of agency %(code)s are inconsistent: %(error)s")
            % {"code": code, "error": error}
        ) from error


def describe(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return f"{moment:%Y-%m-%d %H:%M} ({WEEKDAYS[moment.weekday()]})"
    return f"{moment:%Y-%m-%d} ({WEEKDAYS[moment.weekday()]})"


def describe_term(term: Term, hours: OfficeHours) -> str:
    if term.unit == TermUnit.WORKING_HOURS:
        return ngettext("%(n)d working hour", "%(n)d working hours", term.value) % {"n": term.value}
    if term.value == 0:
        return _("same day (received before %(cutoff)s)") % {
            "cutoff": f"{hours.same_day_cutoff:%H:%M}"
        }
    return ngettext("%(n)d working day", "%(n)d working days", term.value) % {"n": term.value}

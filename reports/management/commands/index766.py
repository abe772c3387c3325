"""Print an agency's Decision 766 index for a period: one line per group, then the total.

manage.py index766 --agency 000.00.17.H01 --from 2026-01-01 --to 2026-03-31
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from org.models import Agency
from reports.models import IndicatorGroup
from reports.selectors import scorecard


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (định dạng YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Print the Decision 766 index of an agency (and the agencies below it) for a period."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="The agency's code.")
        parser.add_argument("--from", dest="first", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", required=True, help="Last day, YYYY-MM-DD.")

    def handle(self, *args, agency, first, last, **options):
        first_day, last_day = _day(first), _day(last)
        if first_day > last_day:
            raise CommandError("Ngày đầu phải trước hoặc bằng ngày cuối.")
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Không có cơ quan mã {agency}.")
        card = scorecard(found, first_day=first_day, last_day=last_day)
        for group in card.groups:
            missing = f" not_available={group.not_available}" if group.not_available else ""
            self.stdout.write(
                f"{IndicatorGroup(group.key).value} {group.points:.2f}/{group.maximum}"
                f" computable={group.computable_maximum:.2f}{missing}"
            )
        self.stdout.write(f"total={card.total:.2f}")

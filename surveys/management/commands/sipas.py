"""Print an agency's SIPAS index for a period; the last line is `overall=NN.N`.

manage.py sipas --agency 000.00.70.H01 --period 2026-Q3
"""

from django.core.management.base import BaseCommand, CommandError

from org.models import Agency
from surveys.models import Dimension
from surveys.periods import period_bounds
from surveys.selectors_sipas import FEW_RESPONSES, sipas_index


def _number(value) -> str:
    return "—" if value is None else f"{value:.1f}"


class Command(BaseCommand):
    help = "Print the five SIPAS factor indices of an agency for a period, then overall=NN.N."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="National agency code.")
        parser.add_argument("--period", required=True, help="2026, 2026-Q3 or 2026-07.")

    def handle(self, *args, agency, period, **options):
        try:
            start, end = period_bounds(period)
        except ValueError as error:
            raise CommandError(
                f"Cannot read the period {period!r}: use 2026, 2026-Q3 or 2026-07."
            ) from error
        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"No agency has the code {agency!r}.")
        result = sipas_index(agency=found, start=start, end=end)
        satisfaction = result.by_dimension[Dimension.SATISFACTION]
        self.stdout.write(f"{found.name} — {period} — {result.questionnaire}")
        self.stdout.write(f"responses={result.responses}")
        if result.too_few:
            self.stdout.write(
                f"warning: fewer than {FEW_RESPONSES} responses; the index says little"
            )
        if satisfaction.empty_factors:
            empty = ", ".join(str(number) for number in satisfaction.empty_factors)
            self.stdout.write(f"warning: no answers for factor(s) {empty}; left out of overall")
        for factor in result.factors:
            perception = result.by_dimension[Dimension.PERCEPTION].factors[factor.number]
            expectation = result.by_dimension[Dimension.EXPECTATION].factors[factor.number]
            self.stdout.write(
                f"factor {factor.number} {factor.name}: satisfaction="
                f"{_number(satisfaction.factors[factor.number])} perception={_number(perception)} "
                f"expectation={_number(expectation)}"
            )
        self.stdout.write(f"overall={_number(satisfaction.overall)}")

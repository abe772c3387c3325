"""`manage.py sipas` over answers stored in the database, against a table computed by hand;
the shipped questionnaire has 5 factors and 22 criteria."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Answer, Criterion, Dimension, Response, ResponseChannel
from surveys.seed_sipas import sipas_seed

pytestmark = pytest.mark.django_db


def respond(questionnaire, agency, on, values: dict, dimension=Dimension.SATISFACTION):
    """One response giving `values[(factor, criterion)]` for those criteria only."""
    response = Response.objects.create(
        questionnaire=questionnaire, agency=agency, collected_on=on, channel=ResponseChannel.PAPER
    )
    for (factor, number), value in values.items():
        criterion = Criterion.objects.get(
            factor__questionnaire=questionnaire, factor__number=factor, number=number
        )
        Answer.objects.create(
            response=response, criterion=criterion, dimension=dimension, value=value
        )
    return response


def test_the_shipped_questionnaire_has_five_factors_and_22_criteria(db):
    questionnaire = sipas_seed()
    assert questionnaire.factors.count() == 5
    assert Criterion.objects.filter(factor__questionnaire=questionnaire).count() == 22
    assert Criterion.objects.filter(unconfirmed=True).exists()  # marked for checking


def test_the_command_prints_the_factors_and_overall_last(cast):
    questionnaire = sipas_seed()
    agency = cast.committee_a
    july = date(2026, 7, 15)
    # Factor 1: criterion 1 answered 5 and 2 → 50 %; criterion 2 answered 4 → 100 %: 75.
    # Factor 2: criterion 1 answered 3 and 3 → 0 %: 0. Factors 3 and 4: 100. Factor 5: nothing.
    # Overall = (75 + 0 + 100 + 100) / 4 = 68.75 → 68.8, with factor 5 named as empty.
    respond(questionnaire, agency, july, {(1, 1): 5, (1, 2): 4, (2, 1): 3, (3, 1): 5, (4, 1): 4})
    respond(questionnaire, agency, july, {(1, 1): 2, (2, 1): 3})
    respond(questionnaire, agency, date(2026, 10, 1), {(2, 1): 5})  # next quarter: not counted
    respond(questionnaire, cast.committee_b, july, {(2, 1): 5})  # another commune: not counted
    out = StringIO()
    call_command("sipas", "--agency", agency.code, "--period", "2026-Q3", stdout=out)
    lines = out.getvalue().splitlines()
    assert "responses=2" in lines
    assert any("factor(s) 5" in line for line in lines)
    assert any(line.startswith("factor 1 ") and "satisfaction=75.0" in line for line in lines)
    assert any(line.startswith("factor 2 ") and "satisfaction=0.0" in line for line in lines)
    assert any(line.startswith("factor 5 ") and "satisfaction=—" in line for line in lines)
    assert lines[-1] == "overall=68.8"


def test_perception_and_expectation_use_the_same_formulas(cast):
    questionnaire = sipas_seed()
    july = date(2026, 7, 15)
    respond(questionnaire, cast.committee_a, july, {(1, 1): 5}, dimension=Dimension.EXPECTATION)
    out = StringIO()
    call_command("sipas", "--agency", cast.committee_a.code, "--period", "2026", stdout=out)
    text = out.getvalue()
    assert "expectation=100.0" in text and text.splitlines()[-1] == "overall=—"


@pytest.mark.parametrize(("agency", "period"), [("KHONG-CO", "2026-Q3"), ("{code}", "2026-Q9")])
def test_bad_arguments_get_a_clear_message(cast, agency, period):
    with pytest.raises(CommandError):
        call_command(
            "sipas", "--agency", agency.format(code=cast.committee_a.code), "--period", period
        )

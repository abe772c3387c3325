"""R21: money is a whole number of đồng everywhere. No model of any app stores money in a float
or decimal column, and every money column is 64-bit."""

from django.apps import apps
from django.db import models

# The float and decimal columns the project has, none of them money: a new one fails the test
# until someone says here why it is not money.
NOT_MONEY = {
    "catalog.Step.budget_value",  # a step's time budget in (fractions of) working days
    "catalog.EFormField.min_value",  # bounds of a number typed in an e-form field
    "catalog.EFormField.max_value",
    # Decision 766, PAR INDEX and PAPI: points and percentages, never money.
    "reports.IndicatorRule.max_points",
    "reports.IndicatorRule.threshold",
    "reports.PapiScore.score",
    "reports.ParAssessment.score",
    "reports.ParCriterion.max_points",
    "reports.ParField.max_points",
    "reports.Target.value",  # a target share in per cent
}
MONEY_WORDS = ("amount", "fee", "price", "total", "money", "cost", "rate", "minimum", "cap_")


def test_no_model_keeps_money_in_a_float_or_decimal_column():
    found = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FloatField | models.DecimalField)
    }
    assert found - NOT_MONEY == set()


def test_every_integer_money_column_is_64_bit():
    small = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.IntegerField)
        and any(word in field.name for word in MONEY_WORDS)
        and not isinstance(field, models.BigIntegerField | models.PositiveBigIntegerField)
    ]
    assert small == []

"""The online-payment figures on the reports, counted from the payments records: the Decision
766 group "online payment" (6.1 procedures with fees payable online, 6.2 procedures with online
payment transactions, 6.3 dossiers paid online) and the targets (80 % / 30 %)."""

from datetime import date

import pytest
from django.utils import timezone

from core.actors import Actor
from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from payments.gateways.base import ATTEMPT_LIFETIME
from payments.services_obligations import obligations_ensure
from payments.services_payments import Answer, attempt_settle, attempt_start, counter_payment_record
from payments.states import AttemptState, Method
from reports.models import TargetMeasure
from reports.selectors import scorecard
from reports.targets import target_lines

pytestmark = pytest.mark.django_db


def received(office):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    (obligation,) = obligations_ensure(dossier=dossier)
    return obligation


def paid_online(obligation, outcome=AttemptState.SUCCEEDED):
    attempt = attempt_start(
        obligation_id=obligation.pk,
        method=Method.ONLINE,
        gateway="demo",
        actor=Actor.applicant(),
        expires_at=timezone.now() + ATTEMPT_LIFETIME,
    )
    attempt_settle(
        reference=attempt.reference,
        answer=Answer(outcome=outcome, amount=obligation.amount, transaction_no="D1", raw={}),
        actor=Actor.external("payment.demo"),
    )


@pytest.fixture
def year_of_fees(office):
    """Four dossiers owing 8.000 đ: one paid online, one paid in cash after a failed online
    try, two unpaid."""
    first, second, _third, _fourth = (received(office) for _ in range(4))
    paid_online(first)
    paid_online(second, AttemptState.FAILED)
    counter_payment_record(
        obligation_id=second.pk, method="cash", amount=8000, payer_name="An", actor=office.alice
    )
    return office


def lines_of(office):
    today = timezone.localdate()
    card = scorecard(office.committee_a, first_day=date(today.year, 1, 1), last_day=today)
    return {
        line.rule.number: (line.score.status, line.score.numerator, line.score.denominator)
        for line in card.lines
        if line.rule.number.startswith("6.")
    }


def test_the_scorecard_counts_online_payments_from_the_records(year_of_fees, settings):
    settings.DEMO = False
    settings.PAYMENT_GATEWAY = ""  # the demo gateway: no real online payment offered
    lines = lines_of(year_of_fees)
    assert lines["6.1"][1:] == (0, 1)
    assert lines["6.2"][1:] == (1, 1)  # the demo try that succeeded is a transaction
    assert lines["6.3"][1:] == (1, 4)  # a failed try does not count; cash does not either


@pytest.mark.parametrize(
    "configure",
    [
        {"DEMO": True},
        {"DEMO": False, "PAYMENT_GATEWAY_BY_AGENCY": "centre_a"},
    ],
    ids=["demo deployment", "a real gateway for commune A's centre"],
)
def test_procedures_payable_online_follow_the_gateway_configured(year_of_fees, settings, configure):
    office = year_of_fees
    for name, value in configure.items():
        if name == "PAYMENT_GATEWAY_BY_AGENCY":  # by agency code, as the settings name it
            value = {getattr(office, value).code: "vnpay"}
        setattr(settings, name, value)
    assert lines_of(office)["6.1"][1:] == (1, 1)


def test_the_targets_page_measures_both_online_payment_targets(year_of_fees, settings):
    settings.DEMO = True
    today = timezone.localdate()
    lines = {
        line.measure: line
        for line in target_lines(year_of_fees.committee_a, year=today.year, today=today)
    }
    paid = lines[TargetMeasure.ONLINE_PAYMENT]
    assert paid.figure == 25 and paid.target.value == 30 and paid.met is False
    fees = lines[TargetMeasure.FEES_ONLINE]
    assert fees.figure == 100 and fees.target.value == 80 and fees.met is True

"""R21 under concurrency: receipt numbers never skip or repeat when 100 payments arrive at once,
and one obligation paid ten times at once is paid once."""

import pytest
from django.db import connection

from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from dossiers.tests.test_concurrency import at_once, errors_of, free_sessions
from payments.models import Obligation, PaymentAttempt, Receipt, ReceiptSeries
from payments.services_obligations import obligation_add
from payments.services_payments import counter_payment_record
from payments.services_shared import PaymentError
from payments.states import AttemptState, ObligationState

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("concurrency")]


def owed(office, count):
    dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
    return [
        obligation_add(
            dossier=dossier, name=f"Khoản {i}", amount=1000 + i, reason="TB", actor=office.alice
        )
        for i in range(count)
    ]


def test_a_hundred_simultaneous_payments_get_receipts_one_to_a_hundred(office):
    count = 100 if connection.vendor == "postgresql" else 30
    obligations = owed(office, count)

    def pay(i):
        obligation = obligations[i]
        return counter_payment_record(
            obligation_id=obligation.pk,
            method="cash",
            amount=obligation.amount,
            payer_name=f"Người nộp {i}",
            actor=office.alice,
        )

    outcomes = at_once(count, pay, sessions=free_sessions())
    errors = errors_of(outcomes)
    assert errors == [], f"{len(errors)} payments failed, e.g. {errors[:3]!r}"
    numbers = sorted(Receipt.objects.values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))
    assert ReceiptSeries.objects.get().last_number == count
    assert Obligation.objects.filter(state=ObligationState.PAID).count() == count
    amounts = {r.attempt.obligation_id: r.amount for r in Receipt.objects.select_related("attempt")}
    assert amounts == {o.pk: o.amount for o in obligations}


def test_one_obligation_paid_ten_times_at_once_is_paid_once(office):
    (obligation,) = owed(office, 1)

    def pay(i):
        return counter_payment_record(
            obligation_id=obligation.pk,
            method="cash",
            amount=obligation.amount,
            payer_name="An",
            actor=office.alice,
        )

    outcomes = at_once(10, pay, sessions=min(10, free_sessions()))
    succeeded = [result for result, error in outcomes if error is None]
    refused = [error for _, error in outcomes if error is not None]
    assert len(succeeded) == 1
    assert all(isinstance(error, PaymentError) for error in refused), refused[:3]
    assert PaymentAttempt.objects.filter(state=AttemptState.SUCCEEDED).count() == 1
    assert Receipt.objects.count() == 1


def test_the_same_vnpay_ipn_ten_times_at_once_pays_once(office, settings):
    from core.actors import Actor
    from payments.gateways.vnpay import ipn_handle
    from payments.services_payments import attempt_start
    from payments.tests.test_vnpay import SECRET, TMN, ipn_params

    settings.VNPAY_TMN_CODE, settings.VNPAY_HASH_SECRET = TMN, SECRET
    (obligation,) = owed(office, 1)
    attempt = attempt_start(
        obligation_id=obligation.pk, method="online", gateway="vnpay", actor=Actor.applicant()
    )
    params = ipn_params(attempt)
    outcomes = at_once(10, lambda i: ipn_handle(params), sessions=min(10, free_sessions()))
    assert errors_of(outcomes) == []
    codes = sorted(code for (code, _), _ in outcomes)
    assert codes == ["00"] + ["02"] * 9
    assert PaymentAttempt.objects.filter(state=AttemptState.SUCCEEDED).count() == 1
    assert Receipt.objects.count() == 1

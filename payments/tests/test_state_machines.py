"""R21: random tries, answers, exemptions and reductions on a dossier's obligations. A plain-Python
model, told only what the two state tables say, predicts every answer; the invariants hold
after every step: an obligation is paid exactly when one of its tries succeeded, every paid
obligation has one valid receipt, and receipt numbers run 1, 2, 3… without a gap."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from payments.models import Obligation, PaymentAttempt, Receipt, ReceiptState
from payments.services_obligations import obligation_add, obligation_reduce, obligation_waive
from payments.services_payments import Answer, attempt_settle, attempt_start
from payments.services_shared import PaymentError
from payments.states import (
    ATTEMPT_EDGES,
    OBLIGATION_EDGES,
    AttemptState,
    Method,
    ObligationState,
    attempt_may_move,
    attempt_may_start,
    obligation_may_move,
)

OUTCOMES = [s for s in AttemptState if s != AttemptState.PENDING]


def test_every_state_is_reachable_and_final_states_have_no_way_out():
    assert {target for _, target in OBLIGATION_EDGES} == set(ObligationState) - {
        ObligationState.DUE
    }
    assert {source for source, _ in ATTEMPT_EDGES} == {AttemptState.PENDING}
    for outcome in OUTCOMES:
        assert not any(attempt_may_move(outcome, other) for other in AttemptState)
    assert not obligation_may_move(ObligationState.WAIVED, ObligationState.PAID)
    assert not attempt_may_start(ObligationState.DUE, 1)


class PaymentMachine(RuleBasedStateMachine):
    def __init__(self, office):
        super().__init__()
        self.office = office

    @initialize()
    def receive(self):
        office = self.office
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        self.obligations = {}  # pk → model: state, amount, pending reference or None
        for amount in (8000, 150_000):
            obligation = obligation_add(
                dossier=dossier, name="Khoản", amount=amount, reason="TB 1", actor=office.alice
            )
            self.obligations[obligation.pk] = {"state": "due", "amount": amount, "pending": None}
        self.settled = {}  # attempt reference → its outcome

    def _pick(self, index):
        keys = sorted(self.obligations)
        return keys[index % len(keys)]

    @rule(index=st.integers(0, 1), method=st.sampled_from(list(Method)))
    def start(self, index, method):
        pk = self._pick(index)
        model = self.obligations[pk]
        allowed = attempt_may_start(model["state"], 1 if model["pending"] else 0)
        try:
            attempt = attempt_start(obligation_id=pk, method=method, actor=self.office.alice)
        except PaymentError:
            assert not allowed
            return
        assert allowed
        model["pending"] = attempt.reference

    @rule(
        index=st.integers(0, 1),
        outcome=st.sampled_from(OUTCOMES),
        right_amount=st.booleans(),
    )
    def answer(self, index, outcome, right_amount):
        model = self.obligations[self._pick(index)]
        reference = model["pending"]
        if reference is None:
            return
        amount = model["amount"] if right_amount else model["amount"] + 1
        accepted = outcome != AttemptState.SUCCEEDED or right_amount
        try:
            attempt_settle(
                reference=reference,
                answer=Answer(outcome=outcome, amount=amount, transaction_no=f"VNP{reference}"),
                actor=self.office.alice,
            )
        except PaymentError:
            assert not accepted
            return
        assert accepted
        model["pending"] = None
        self.settled[reference] = outcome
        if outcome == AttemptState.SUCCEEDED:
            model["state"] = "paid"

    @rule(data=st.data())
    def replay(self, data):
        """The same answer again changes nothing; another answer to a settled try is refused."""
        if not self.settled:
            return
        reference = data.draw(st.sampled_from(sorted(self.settled)))
        outcome = data.draw(st.sampled_from(OUTCOMES))
        attempt = PaymentAttempt.objects.get(reference=reference)
        answer = Answer(outcome=outcome, amount=attempt.amount, transaction_no=f"VNP{reference}")
        try:
            settled = attempt_settle(reference=reference, answer=answer, actor=self.office.alice)
        except PaymentError:
            assert outcome != self.settled[reference]
            return
        assert outcome == self.settled[reference] and not settled.applied

    @rule(index=st.integers(0, 1), reason=st.sampled_from(["", "Miễn theo TT 85/2019"]))
    def waive(self, index, reason):
        pk = self._pick(index)
        model = self.obligations[pk]
        allowed = model["state"] == "due" and not model["pending"] and bool(reason)
        try:
            obligation_waive(obligation_id=pk, reason=reason, actor=self.office.alice)
        except PaymentError:
            assert not allowed
            return
        assert allowed
        model["state"] = "waived"

    @rule(index=st.integers(0, 1), amount=st.integers(1, 200_000))
    def reduce(self, index, amount):
        pk = self._pick(index)
        model = self.obligations[pk]
        base = Obligation.objects.get(pk=pk).base_amount
        allowed = model["state"] == "due" and not model["pending"] and amount < base
        try:
            obligation_reduce(
                obligation_id=pk, amount=amount, reason="Giảm", actor=self.office.alice
            )
        except PaymentError:
            assert not allowed
            return
        assert allowed
        model["amount"] = amount

    @invariant()
    def the_database_agrees_with_the_model(self):
        if not hasattr(self, "obligations"):
            return
        for pk, model in self.obligations.items():
            obligation = Obligation.objects.get(pk=pk)
            assert obligation.state == model["state"]
            assert obligation.amount == model["amount"]
            successes = obligation.attempts.filter(state=AttemptState.SUCCEEDED).count()
            assert successes == (1 if model["state"] == "paid" else 0)
            pending = obligation.attempts.filter(state=AttemptState.PENDING).count()
            assert pending == (1 if model["pending"] else 0)
            valid = Receipt.objects.filter(
                attempt__obligation=obligation, state=ReceiptState.ISSUED
            )
            assert valid.count() == successes
            if successes:
                assert valid.get().amount == obligation.amount
        numbers = sorted(Receipt.objects.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
def test_obligations_and_attempts_follow_their_tables(office):
    run_state_machine_as_test(
        lambda: PaymentMachine(office),
        settings=settings(
            max_examples=25,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )

"""The state tables and item numbers, as pure functions."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postal.itemnumbers import is_valid_s10, s10_check_digit, s10_number
from postal.lifecycle import (
    FINAL,
    ORDER_EDGES,
    DeliveryState,
    OrderAction,
    Report,
    TrackingStatus,
    item_move,
    order_move,
    tracking_move,
)

T0 = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("serial", "check"),
    [("47312482", 9), ("12345678", 5), ("00000000", 5), ("11111111", 5), ("10000000", 3)],
)
def test_s10_check_digits_follow_the_upu_weights(serial, check):
    assert s10_check_digit(serial) == check


def test_a_generated_number_is_valid_and_a_typo_is_caught():
    number = s10_number("EB", 12345678)
    assert number == "EB123456785VN" and is_valid_s10(number)
    assert not is_valid_s10("EB123456784VN")


@pytest.mark.parametrize(
    ("state", "action", "target"),
    [
        ("requested", OrderAction.ORDER, "ordered"),
        ("ordered", OrderAction.HAND_OVER, "handed_over"),
        ("requested", OrderAction.CANCEL, "cancelled"),
        ("ordered", OrderAction.CANCEL, "cancelled"),
        ("handed_over", OrderAction.CANCEL, None),  # the post has it
        ("requested", OrderAction.HAND_OVER, None),  # no label without an order
        ("delivered", OrderAction.ORDER, None),
    ],
)
def test_the_order_table(state, action, target):
    assert order_move(state, action) == target


def test_an_envelope_is_registered_or_sent_back_once():
    assert item_move("arrived", "register") == "registered"
    assert item_move("registered", "send_back") is None
    assert item_move("sent_back", "register") is None


reports = st.lists(
    st.tuples(st.sampled_from(TrackingStatus.values), st.integers(0, 600)),
    max_size=12,
    unique_by=lambda pair: pair[1],  # a carrier's events of one item have distinct times
)


def _run(sequence, state=DeliveryState.HANDED_OVER):
    status_at = None
    for status, minutes in sequence:
        report = Report("X", status, T0 + timedelta(minutes=minutes))
        target = tracking_move(state, status_at, report)
        if target is not None:
            state, status_at = target, report.at
    return state


@given(reports)
def test_a_final_state_never_moves_again(sequence):
    state = _run(sequence)
    for status in TrackingStatus.values:
        if state in FINAL:
            assert tracking_move(state, None, Report("X", status, T0)) is None


@given(reports, st.randoms())
def test_reports_in_any_order_end_where_the_latest_one_leads_unless_a_final_state_came_first(
    sequence, random
):
    """Callbacks arrive shuffled and repeated: without a final state in between, the delivery
    ends in the state of the latest report, exactly as if they had come in order."""
    shuffled = list(sequence) * 2
    random.shuffle(shuffled)
    in_order = sorted(sequence, key=lambda pair: pair[1])
    finals = {TrackingStatus.DELIVERED, TrackingStatus.RETURNED}
    if not any(status in finals for status, _ in sequence):
        assert _run(shuffled) == _run(in_order)


def test_every_order_action_has_a_row():
    assert set(ORDER_EDGES) == set(OrderAction)


@pytest.mark.parametrize("state", ["requested", "cancelled", "delivered", "returned"])
def test_reports_do_not_move_a_delivery_the_post_does_not_have(state):
    for status in TrackingStatus.values:
        assert tracking_move(state, None, Report("X", status, T0)) is None

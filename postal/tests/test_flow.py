"""A dossier that came by post and whose result goes back by post, through the services."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Channel
from dossiers.models import Dossier, StatusChange
from dossiers.workflow import Action, State
from postal.errors import PostalError
from postal.lifecycle import DeliveryState, ItemState, TrackingStatus
from postal.models import Delivery, InboundItem, TrackingEvent
from postal.services_delivery import delivery_hand_over, delivery_order
from postal.services_inbound import item_arrival_record, item_send_back
from postal.services_tracking import reports_apply, tracking_record
from postal.tests.helpers import received_by_post, report, to_result_ready

pytestmark = pytest.mark.django_db


def _ordered(office) -> Delivery:
    dossier = to_result_ready(office, received_by_post(office))
    Dossier.objects.filter(pk=dossier.pk).update(finished_at=timezone.now() - timedelta(hours=3))
    delivery = Delivery.objects.get(dossier=dossier)
    return delivery_order(
        delivery_id=delivery.pk, expected_version=delivery.version, user=office.pat
    )


def test_a_dossier_registered_from_an_envelope_is_postal_and_received_now_not_when_posted(
    post_office,
):
    before = timezone.now()
    dossier = received_by_post(post_office, posted_days_ago=5)
    assert dossier.channel == Channel.POSTAL == "3"
    assert dossier.received_by_post
    assert dossier.state == State.ACCEPTED
    assert dossier.received_at >= before  # the full and valid receipt here, not the postmark
    item = InboundItem.objects.get(dossier=dossier)
    assert item.state == ItemState.REGISTERED
    assert item.posted_on == timezone.localdate() - timedelta(days=5)
    assert dossier.history.get().actor == post_office.pat


def test_the_same_envelope_is_logged_once_per_centre(post_office):
    item_arrival_record(
        agency=post_office.centre_a, item_number="EB1", sender_name="A", user=post_office.pat
    )
    with pytest.raises(PostalError, match="EB1"):
        item_arrival_record(
            agency=post_office.centre_a, item_number="EB1", sender_name="A", user=post_office.pat
        )


def test_a_clerk_cannot_log_mail_at_another_centre(post_office):
    with pytest.raises(PostalError):
        item_arrival_record(
            agency=post_office.centre_b, item_number="EB2", sender_name="A", user=post_office.pat
        )


def test_an_envelope_sent_back_cannot_be_registered_and_needs_a_reason(post_office):
    item = item_arrival_record(
        agency=post_office.centre_a, item_number="EB3", sender_name="A", user=post_office.pat
    )
    with pytest.raises(PostalError):
        item_send_back(item_id=item.pk, reason=" ", user=post_office.pat)
    item_send_back(item_id=item.pk, reason="Thiếu tờ khai", user=post_office.pat)
    with pytest.raises(PostalError):
        item_send_back(item_id=item.pk, reason="again", user=post_office.pat)


def test_postage_is_quoted_at_reception_in_whole_dong(post_office):
    dossier = received_by_post(post_office)
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.state == DeliveryState.REQUESTED
    assert isinstance(delivery.postage, int) and delivery.postage > 0
    # Owed by the applicant through payments: the same amount, due until paid.
    owed = delivery.postage_obligation
    assert (owed.kind, owed.amount, owed.state) == ("postage", delivery.postage, "due")
    assert owed.dossier_id == dossier.pk and owed.reference.startswith("MC")


def test_the_order_waits_for_the_result(post_office):
    dossier = received_by_post(post_office)
    delivery = Delivery.objects.get(dossier=dossier)
    with pytest.raises(PostalError, match="Kết quả chưa có"):
        delivery_order(
            delivery_id=delivery.pk, expected_version=delivery.version, user=post_office.pat
        )


def test_an_order_gets_an_item_number_with_a_valid_check_digit_and_the_fee_due_at_result(
    post_office,
):
    from postal.itemnumbers import is_valid_s10

    delivery = _ordered(post_office)
    assert delivery.state == DeliveryState.ORDERED
    assert delivery.order_number.startswith("DEMO-")
    assert is_valid_s10(delivery.item_number)
    assert delivery.cod_amount == 0  # the test procedure's fee is collected at receipt


def test_a_stale_page_cannot_order_twice(post_office):
    delivery = _ordered(post_office)
    with pytest.raises(PostalError):
        delivery_order(
            delivery_id=delivery.pk, expected_version=delivery.version - 1, user=post_office.pat
        )


def test_delivered_returns_the_dossier_at_the_delivery_time_exactly_once(post_office):
    delivery = _ordered(post_office)
    delivery_hand_over(
        delivery_id=delivery.pk, expected_version=delivery.version, user=post_office.pat
    )
    delivered = report(delivery.order_number, TrackingStatus.DELIVERED, 90, key="d1")
    for key in ("d1", "d1", "d2", "d3"):  # the same callback again, and other "delivered" reports
        tracking_record(
            delivery_id=delivery.pk,
            report=delivered.__class__(**{**delivered.__dict__, "event_key": key}),
            source="callback",
            carrier="postal.demo",
        )
    dossier = Dossier.objects.get(pk=delivery.dossier_id)
    assert dossier.state == State.RETURNED
    assert dossier.returned_at == delivered.at
    assert dossier.returned_by_post
    returns = StatusChange.objects.filter(dossier=dossier, action=Action.RETURN_RESULT)
    assert returns.count() == 1
    assert returns.get().actor_kind == "external" and returns.get().actor_label == "postal.demo"
    assert TrackingEvent.objects.filter(delivery=delivery).count() == 3  # d1 stored once


def test_an_older_report_arriving_late_does_not_move_the_delivery_back(post_office):
    delivery = _ordered(post_office)
    reports_apply(
        reports=[report(delivery.order_number, TrackingStatus.OUT_FOR_DELIVERY, 60, key="o")],
        source="callback",
        carrier="postal.demo",
    )
    reports_apply(
        reports=[report(delivery.order_number, TrackingStatus.IN_TRANSIT, 30, key="t")],
        source="callback",
        carrier="postal.demo",
    )
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.OUT_FOR_DELIVERY
    late = TrackingEvent.objects.get(delivery=delivery, event_key="t")
    assert not late.applied


def test_the_dossier_page_shows_the_posts_reports_in_time_order(client, post_office):
    test_an_older_report_arriving_late_does_not_move_the_delivery_back(post_office)
    delivery = Delivery.objects.get()
    client.force_login(post_office.pat)
    page = client.get(reverse("dossiers:dossier", args=[delivery.dossier_id])).content.decode()
    transit, out = page.find("Đang vận chuyển"), page.find("Đang phát")
    assert 0 < transit < out, (transit, out)
    assert "báo muộn, không đổi trạng thái" in page


def test_a_delivery_that_came_back_waits_at_the_counter_with_its_reason(post_office):
    from postal.selectors import postal_day

    delivery = _ordered(post_office)
    reports_apply(
        reports=[
            report(
                delivery.order_number,
                TrackingStatus.FAILED_ATTEMPT,
                40,
                key="f",
                reason="Không có người nhận",
            ),
            report(
                delivery.order_number,
                TrackingStatus.RETURNED,
                80,
                key="r",
                reason="Không có người nhận",
            ),
        ],
        source="poll",
        carrier="postal.demo",
    )
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RETURNED
    assert delivery.problem == "Không có người nhận"
    dossier = Dossier.objects.get(pk=delivery.dossier_id)
    assert dossier.state == State.RESULT_READY  # in the counter's "to return" queue again
    titles = {
        k: k
        for k in ("register", "request", "order", "hand-over", "with-post", "confirm", "came-back")
    }
    day = postal_day(post_office.alice, titles=titles)
    assert [d.pk for d in day.came_back.rows] == [delivery.pk]
    # And on the receiving officer's "Results ready to return", with the post's reason.
    from counter.selectors_today import day_work

    to_return = next(w for w in day_work(post_office.alice).lists if w.key == "to_return")
    [row] = [d for d in to_return.rows if d.pk == dossier.pk]
    assert row.post_came_back and row.came_back == "Không có người nhận"


def test_the_counter_page_shows_why_the_post_brought_a_result_back(client, post_office):
    delivery = _ordered(post_office)
    reports_apply(
        reports=[
            report(
                delivery.order_number,
                TrackingStatus.RETURNED,
                30,
                key="r",
                reason="Sai địa chỉ người nhận",
            )
        ],
        source="callback",
        carrier="postal.demo",
    )
    client.force_login(post_office.alice)
    page = client.get(reverse("counter:today")).content.decode()
    assert "Bưu chính chuyển trả" in page and "Sai địa chỉ người nhận" in page


def test_reports_for_orders_we_do_not_know_are_skipped(post_office):
    assert (
        reports_apply(
            reports=[report("NOPE", TrackingStatus.DELIVERED, 1)],
            source="callback",
            carrier="postal.demo",
        )
        == 0
    )

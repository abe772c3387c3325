"""The post's progress on the public lookup (R6: no address, no name) and "by post" on the
counter's counts page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier
from postal.lifecycle import TrackingStatus
from postal.models import Delivery
from postal.services_delivery import delivery_order
from postal.services_tracking import tracking_record
from postal.tests.helpers import received_by_post, report, to_result_ready

pytestmark = pytest.mark.django_db


def _delivered(office) -> Dossier:
    dossier = to_result_ready(office, received_by_post(office))
    Dossier.objects.filter(pk=dossier.pk).update(finished_at=timezone.now() - timedelta(hours=3))
    delivery = Delivery.objects.get(dossier=dossier)
    delivery = delivery_order(
        delivery_id=delivery.pk, expected_version=delivery.version, user=office.pat
    )
    tracking_record(
        delivery_id=delivery.pk,
        report=report(delivery.order_number, TrackingStatus.DELIVERED, 60),
        source="callback",
        carrier="postal.demo",
    )
    dossier.refresh_from_db()
    return dossier


def test_the_lookup_shows_the_delivery_without_the_address(client, post_office):
    dossier = _delivered(post_office)
    page = client.get(
        reverse("portal:lookup"),
        {"ma": dossier.code, "kt": dossier.lookup_check},
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    assert "Kết quả gửi qua bưu chính" in page
    assert "Đã phát thành công lúc" in page
    assert Delivery.objects.get(dossier=dossier).item_number in page
    assert "Hàng Bài" not in page and "0912" not in page


def test_the_counts_page_counts_results_returned_by_post_and_the_share_of_procedures(
    client, post_office
):
    _delivered(post_office)
    client.force_login(post_office.alice)
    response = client.get(reverse("counter:counts"), HTTP_ACCEPT_LANGUAGE="vi")
    counts = response.context["counts"]
    assert counts.total.post == 1 and counts.total.returned_post == 1
    share = response.context["postal_share"]
    assert share.total >= 1
    assert "Trả kết quả qua bưu chính" in response.content.decode()


def test_the_share_follows_the_agency_field_procedure_and_period(client, post_office):
    from catalog.tests.builders import published
    from dossiers.services import dossier_receive
    from dossiers.tests.conftest import reception_for

    _delivered(post_office)
    dossier_receive(reception=reception_for(post_office), actor=post_office.alice)
    type(post_office.version).objects.filter(pk=post_office.version.pk).update(
        postal_receipt=True, postal_return=True
    )
    # Another field's procedure that takes nothing by post.
    other = published(
        code="1.009999",
        name="Thủ tục đất đai",
        field_code="DD",
        field_name="Đất đai",
        agencies=[post_office.committee_a],
    )
    client.force_login(post_office.alice)
    today = timezone.localdate().strftime("%d/%m/%Y")
    share = client.get(reverse("counter:counts"), {"start": today, "end": today}).context[
        "postal_share"
    ]
    assert (share.dossiers, share.by_post, share.returned_by_post) == (2, 1, 1)
    assert share.by_post_percent == 50
    assert share.total == share.receipt + 1  # the land procedure takes nothing by post
    field = other.field
    by_field = client.get(
        reverse("counter:counts"), {"start": today, "end": today, "field": field.pk}
    ).context["postal_share"]
    assert (by_field.total, by_field.receipt, by_field.dossiers) == (1, 0, 0)
    by_procedure = client.get(
        reverse("counter:counts"),
        {"start": today, "end": today, "procedure": post_office.version.procedure_id},
    ).context["postal_share"]
    assert (by_procedure.total, by_procedure.receipt, by_procedure.dossiers) == (1, 1, 2)
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    earlier = client.get(reverse("counter:counts"), {"start": yesterday, "end": yesterday}).context[
        "postal_share"
    ]
    assert earlier.dossiers == 0 and earlier.total == share.total
    page = client.get(reverse("counter:counts"), {"start": today, "end": today}).content.decode()
    assert "trong đó 1 hồ sơ qua bưu chính (50 %)" in page

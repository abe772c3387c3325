"""A paid amount refunded from the dossier page: with its reason, by the counter that took the
money; the obligation becomes "refunded", its receipt is cancelled with the same reason, both
are audited; without a reason, or by someone else, nothing changes."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from payments.models import Receipt
from payments.services_payments import counter_payment_record
from payments.states import ObligationState

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(office, dossier):
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk, method="cash", amount=8000, payer_name="An", actor=office.alice
    )
    return obligation


def refund(client, obligation, reason):
    return client.post(reverse("payments:change", args=[obligation.pk, "hoan"]), {"reason": reason})


def test_a_refund_cancels_the_receipt_with_its_reason_and_is_audited(client, office, paid):
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[paid.dossier_id])).content.decode()
    assert "Hoàn trả khoản này" in page
    response = refund(client, paid, "  Hồ sơ bị từ chối, hoàn lệ phí  ")
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.state == ObligationState.REFUNDED
    receipt = Receipt.objects.get()
    assert receipt.state == "cancelled" and receipt.cancel_reason == "Hồ sơ bị từ chối, hoàn lệ phí"
    event = AuditEvent.objects.get(action="obligation_refund")
    assert "Hồ sơ bị từ chối, hoàn lệ phí" in str(event.new_values)
    assert AuditEvent.objects.filter(action="receipt_cancel").exists()
    # Refunded once: a second refund is refused and changes nothing.
    follow = refund(client, paid, "lần hai")
    assert follow.status_code == 302
    assert AuditEvent.objects.filter(action="obligation_refund").count() == 1


def test_without_a_reason_nothing_changes(client, office, paid):
    client.force_login(office.alice)
    response = refund(client, paid, "   ")
    assert response.status_code == 302
    paid.refresh_from_db()
    assert paid.state == ObligationState.PAID and Receipt.objects.get().state == "issued"
    page = client.get(response["Location"]).content.decode()
    assert "Nêu lý do hoàn trả." in page


@pytest.mark.parametrize("who, status", [("bob", 404), ("sophie", 403), ("ivy", 403)])
def test_only_the_counter_that_took_the_money_refunds(client, office, paid, who, status):
    client.force_login(getattr(office, who))
    assert refund(client, paid, "Hoàn").status_code == status
    paid.refresh_from_db()
    assert paid.state == ObligationState.PAID

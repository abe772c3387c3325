"""The citizen pays online from the lookup's code and check value, through the demo gateway:
success; a failure then a retry; no answer until the reconciliation expires the attempt."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from payments.models import PaymentAttempt, Receipt
from payments.reconcile import attempts_reconcile
from payments.states import AttemptState, ObligationState
from payments.views_pay import pay_url

pytestmark = pytest.mark.django_db


def start(client, dossier):
    obligation = dossier.obligations.get()
    response = client.post(
        reverse("payments:pay"),
        {"ma": dossier.code, "kt": dossier.lookup_check, "khoan": obligation.pk},
    )
    attempt = PaymentAttempt.objects.latest("pk")
    assert response["Location"] == reverse("payments:demo_gateway", args=[attempt.reference])
    return attempt


def answer(client, attempt, choice):
    response = client.post(
        reverse("payments:demo_gateway", args=[attempt.reference]), {"ket-qua": choice}
    )
    assert response["Location"] == reverse("payments:result", args=[attempt.reference])
    return client.get(response["Location"]).content.decode()


def test_the_pay_page_needs_the_code_and_its_check_value(client, dossier):
    page = client.get(pay_url(dossier))
    assert page.status_code == 200 and "8.000 đ" in page.content.decode()
    wrong = client.get(reverse("payments:pay"), {"ma": dossier.code, "kt": "AAAAAA"})
    assert wrong.status_code == 404
    assert client.get(reverse("payments:pay"), {"ma": dossier.code}).status_code == 404


def test_paying_with_the_demo_gateway_issues_the_receipt(client, dossier):
    attempt = start(client, dossier)
    assert "Đã nộp" in answer(client, attempt, "thanh-cong")
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUCCEEDED and attempt.method == "online"
    assert attempt.obligation.state == ObligationState.PAID
    assert Receipt.objects.get().method == "online"


def test_a_failure_then_a_retry_pays(client, dossier):
    first = start(client, dossier)
    assert "Chưa nộp được" in answer(client, first, "that-bai")
    second = start(client, dossier)
    answer(client, second, "thanh-cong")
    states = dict(PaymentAttempt.objects.values_list("reference", "state"))
    assert states == {first.reference: "failed", second.reference: "succeeded"}


def test_no_answer_leaves_it_pending_until_the_reconciliation_expires_it(client, dossier):
    attempt = start(client, dossier)
    assert "Đang chờ" in answer(client, attempt, "khong-tra-loi")
    assert attempts_reconcile() == {"settled": 0, "expired": 0, "errors": 0}
    counts = attempts_reconcile(now=timezone.now() + timedelta(minutes=16))
    assert counts["expired"] == 1
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED
    assert attempt.obligation.state == ObligationState.DUE

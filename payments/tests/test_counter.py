"""Paying at the counter: the officer records cash or card, the receipt is numbered and printed,
the dossier moves on, and other communes' officers see nothing (R5)."""

import pytest
from django.urls import reverse

from core.models import AuditEvent
from dossiers.models import Dossier
from dossiers.services import Move, dossier_transition
from dossiers.workflow import Action, State
from payments.models import Obligation, PaymentAttempt, Receipt
from payments.services_obligations import obligation_add, obligation_reduce, obligation_waive
from payments.services_payments import counter_payment_record
from payments.services_shared import PaymentError
from payments.states import AttemptState, ObligationState

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)


def test_the_fee_of_a_received_dossier_is_owed(dossier):
    (obligation,) = Obligation.objects.filter(dossier=dossier)
    assert (obligation.amount, obligation.state) == (8000, ObligationState.DUE)
    assert obligation.agency == dossier.receiving_agency


def test_cash_at_the_counter_pays_the_fee_and_issues_receipt_number_one(client, office, dossier):
    obligation = dossier.obligations.get()
    login(client, office.alice)
    response = client.post(
        reverse("payments:take", args=[obligation.pk]),
        {"method": "cash", "amount": "8.000", "payer_name": "Nguyễn Văn An"},
    )
    receipt = Receipt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:receipt", args=[receipt.pk])
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.PAID
    assert (receipt.number, receipt.amount, receipt.payer_name) == (1, 8000, "Nguyễn Văn An")
    assert receipt.issued_by == office.alice
    page = client.get(response["Location"])
    assert "Tám nghìn đồng" in page.content.decode()
    assert AuditEvent.objects.filter(action="receipt_issue").count() == 1


def test_a_wrong_amount_records_nothing_and_says_why(client, office, dossier):
    obligation = dossier.obligations.get()
    login(client, office.alice)
    response = client.post(
        reverse("payments:take", args=[obligation.pk]),
        {"method": "cash", "amount": "80.000", "payer_name": "Nguyễn Văn An"},
        follow=True,
    )
    assert "không khớp" in response.content.decode()
    assert not PaymentAttempt.objects.exists() and not Receipt.objects.exists()


@pytest.mark.parametrize("amount", ["", "tám nghìn", "8,5", "-8000"])
def test_unreadable_amounts_are_refused_in_vietnamese(client, office, dossier, amount):
    obligation = dossier.obligations.get()
    login(client, office.alice)
    response = client.post(
        reverse("payments:take", args=[obligation.pk]),
        {"method": "cash", "amount": amount, "payer_name": "An"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Không ghi nhận" in response.content.decode()
    assert not Receipt.objects.exists()


def test_an_officer_of_another_commune_gets_404(client, office, dossier):
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk, method="cash", amount=8000, payer_name="An", actor=office.alice
    )
    receipt = Receipt.objects.get()
    login(client, office.bob)
    assert client.get(reverse("dossiers:dossier", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("payments:receipt", args=[receipt.pk])).status_code == 404
    for url, data in [
        (reverse("payments:take", args=[obligation.pk]), {"method": "cash", "amount": "8000"}),
        (reverse("payments:change", args=[obligation.pk, "mien"]), {"reason": "x"}),
        (reverse("payments:add", args=[dossier.pk]), {"name": "x", "amount": "1", "reason": "x"}),
        (reverse("payments:receipt_cancel", args=[receipt.pk]), {"reason": "x"}),
    ]:
        assert client.post(url, data).status_code == 404
    assert Receipt.objects.get().state == "issued"


def test_anonymous_visitors_are_sent_to_log_in(client, dossier):
    obligation = dossier.obligations.get()
    response = client.post(reverse("payments:take", args=[obligation.pk]), {})
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_an_inspector_sees_the_receipt_but_cannot_take_money(client, office, dossier):
    obligation = dossier.obligations.get()
    login(client, office.ivy)
    response = client.post(
        reverse("payments:take", args=[obligation.pk]),
        {"method": "cash", "amount": "8000", "payer_name": "An"},
    )
    assert response.status_code == 403
    assert not Receipt.objects.exists()


def test_the_panel_shows_unpaid_then_paid_in_constant_queries(client, office, dossier, account):
    login(client, office.alice)
    url = reverse("dossiers:dossier", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert "Chưa nộp: 8.000 đ" in page
    assert "<svg" in page and "VietQR" in page
    obligation_add(
        dossier=dossier,
        name="Tiền sử dụng đất",
        amount=1_500_000,
        reason="Thông báo nộp tiền số 12/TB-CCT",
        actor=office.alice,
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        client.get(url)
    obligation_add(
        dossier=dossier, name="Lệ phí trước bạ", amount=300_000, reason="TB 13", actor=office.alice
    )
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(two)


def test_paying_the_obligation_the_dossier_waits_for_resumes_its_clock(office, dossier):
    dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=Action.ASSIGN, expected_version=dossier.version, assignee=office.sophie),
        actor=office.alice,
    )
    dossier.refresh_from_db()
    dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=Action.REQUEST_PAYMENT, expected_version=dossier.version),
        actor=office.sophie,
    )
    land = obligation_add(
        dossier=dossier,
        name="Tiền sử dụng đất",
        amount=1_500_000,
        reason="Thông báo nộp tiền số 12/TB-CCT",
        actor=office.sophie,
    )
    fee = dossier.obligations.exclude(pk=land.pk).get()
    counter_payment_record(
        obligation_id=fee.pk, method="cash", amount=8000, payer_name="An", actor=office.alice
    )
    assert Dossier.objects.get(pk=dossier.pk).state == State.AWAITING_PAYMENT  # land still due
    counter_payment_record(
        obligation_id=land.pk, method="pos", amount=1_500_000, payer_name="An", actor=office.alice
    )
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS
    assert dossier.paused_since is None
    last = dossier.history.last()
    assert (last.action, last.actor_label) == (Action.PAYMENT_RECEIVED, "payment.counter")


def test_an_exemption_needs_its_legal_reason_and_settles_without_a_receipt(office, dossier):
    obligation = dossier.obligations.get()
    with pytest.raises(PaymentError):
        obligation_waive(obligation_id=obligation.pk, reason="  ", actor=office.alice)
    obligation_waive(
        obligation_id=obligation.pk,
        reason="Miễn lệ phí cho người khuyết tật (Thông tư 85/2019/TT-BTC)",
        actor=office.alice,
    )
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.WAIVED
    assert not Receipt.objects.exists()
    with pytest.raises(PaymentError):
        counter_payment_record(
            obligation_id=obligation.pk,
            method="cash",
            amount=8000,
            payer_name="An",
            actor=office.alice,
        )


def test_a_reduction_lowers_the_amount_with_its_reason(office, dossier):
    obligation = dossier.obligations.get()
    with pytest.raises(PaymentError):
        obligation_reduce(obligation_id=obligation.pk, amount=9000, reason="x", actor=office.alice)
    obligation_reduce(
        obligation_id=obligation.pk, amount=4000, reason="Giảm 50% hộ nghèo", actor=office.alice
    )
    obligation.refresh_from_db()
    assert (obligation.base_amount, obligation.amount) == (8000, 4000)
    attempt = counter_payment_record(
        obligation_id=obligation.pk, method="cash", amount=4000, payer_name="An", actor=office.alice
    )
    assert attempt.state == AttemptState.SUCCEEDED


def test_cancelling_a_receipt_with_replacement_takes_the_next_number(client, office, dossier):
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk,
        method="cash",
        amount=8000,
        payer_name="Nguyen Van A",
        actor=office.alice,
    )
    first = Receipt.objects.get()
    login(client, office.alice)
    response = client.post(
        reverse("payments:receipt_cancel", args=[first.pk]),
        {"reason": "Sai tên người nộp", "replace": "on", "payer_name": "Nguyễn Văn An"},
    )
    first.refresh_from_db()
    second = first.replaced_by
    assert response["Location"] == reverse("payments:receipt", args=[second.pk])
    assert (first.state, first.cancel_reason) == ("cancelled", "Sai tên người nộp")
    assert (second.number, second.payer_name, second.state) == (2, "Nguyễn Văn An", "issued")
    public = client.get(reverse("payments:receipt_verify", args=[first.token])).content.decode()
    assert "đã bị hủy" in public or "đã hủy" in public


def test_the_public_verification_page_masks_the_payer(client, office, dossier):
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk,
        method="cash",
        amount=8000,
        payer_name="Nguyễn Văn An",
        actor=office.alice,
    )
    receipt = Receipt.objects.get()
    page = client.get(reverse("payments:receipt_verify", args=[receipt.token])).content.decode()
    assert "8.000 đ" in page and "Nguyễn V. A." in page
    assert "Nguyễn Văn An" not in page
    assert client.get(reverse("payments:receipt_verify", args=["khong-co"])).status_code == 404


def test_the_receipt_pdf_is_an_a4_page(client, office, dossier):
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk,
        method="cash",
        amount=8000,
        payer_name="Nguyễn Văn An",
        actor=office.alice,
    )
    receipt = Receipt.objects.get()
    login(client, office.alice)
    response = client.get(reverse("payments:receipt", args=[receipt.pk]), {"pdf": "1"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

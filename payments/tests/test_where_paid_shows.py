"""Paid or unpaid where people look: the citizen's "Hồ sơ của tôi" and dossier page (with the
way to pay, right after submitting too), the staff work queues and "Việc hôm nay" (a mark next
to the state, in a constant number of queries), the payment slip with its VietQR; and a result
held for a fee collected at the result until that fee is paid."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import FeeMoment
from dossiers.services import Move, WorkflowError, dossier_receive, dossier_transition
from dossiers.tests.conftest import reception_for
from dossiers.workflow import Action, State
from online.tests.conftest import photo, portal, sign_in  # noqa: F401 - fixture
from online.tests.test_submission import answers, slot_of, start
from payments.models import CollectionAccount
from payments.selectors_status import pay_url
from payments.services_obligations import obligation_add, obligations_ensure
from payments.services_payments import counter_payment_record

pytestmark = pytest.mark.django_db


def submit_online(client, portal):  # noqa: F811
    sign_in(client, portal.an)
    draft_url = start(client, portal.partial)
    return client.post(
        draft_url,
        {**answers(portal), slot_of(portal.partial): [photo()], "action": "submit"},
        follow=True,
    )


def test_right_after_submitting_the_citizen_is_offered_to_pay(client, portal):  # noqa: F811
    page = submit_online(client, portal)
    dossier = page.context["dossier"]
    html = page.content.decode()
    assert "Bạn có thể nộp phí trực tuyến ngay" in html
    assert pay_url(dossier).replace("&", "&amp;") in html
    assert "Còn phải nộp: 8.000 đ" in html
    # "Hồ sơ của tôi" marks it unpaid, with a way to the payment.
    mine = client.get(reverse("online:my-dossiers")).content.decode()
    assert "Phí phải nộp: 8.000 đ" in mine and "Nộp phí" in mine
    # Paid: both pages say so, and the pay button is gone.
    obligation = dossier.obligations.get()
    counter_payment_record(
        obligation_id=obligation.pk, method="cash", amount=8000, payer_name="An", actor=portal.alice
    )
    again = client.get(reverse("online:dossier", args=[dossier.pk])).content.decode()
    assert "Đã nộp đủ." in again and pay_url(dossier).replace("&", "&amp;") not in again
    assert "Đã nộp phí" in client.get(reverse("online:my-dossiers")).content.decode()


def test_another_citizen_sees_neither_the_dossier_nor_its_fees(client, portal):  # noqa: F811
    dossier = submit_online(client, portal).context["dossier"]
    client.logout()
    sign_in(client, portal.binh)
    assert client.get(reverse("online:dossier", args=[dossier.pk])).status_code == 404
    assert dossier.code not in client.get(reverse("online:my-dossiers")).content.decode()


def _received(office, n=1):
    dossiers = []
    for _ in range(n):
        dossier = dossier_receive(reception=reception_for(office), actor=office.alice)
        obligations_ensure(dossier=dossier)
        dossiers.append(dossier)
    return dossiers


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_queues_mark_paid_and_unpaid_in_constant_queries(client, portal):  # noqa: F811
    office = portal
    first, second = _received(office, 2)
    fee = second.obligations.get()
    counter_payment_record(
        obligation_id=fee.pk, method="cash", amount=8000, payer_name="An", actor=office.alice
    )
    client.force_login(office.alice)
    url = reverse("dossiers:queue") + "?hang=tat-ca"
    few, html = _queries(client, url)
    assert "Chưa nộp phí 8.000 đ" in html and "Đã nộp phí" in html
    _received(office, 12)
    many, html = _queries(client, url)
    assert many == few
    assert html.count("Chưa nộp phí 8.000 đ") == 13
    # The dossier page's header carries the same mark.
    page = client.get(reverse("dossiers:dossier", args=[first.pk])).content.decode()
    assert "Chưa nộp phí 8.000 đ" in page


def test_todays_work_marks_unpaid_fees_in_constant_queries(client, portal):  # noqa: F811
    office = portal
    _received(office, 2)
    client.force_login(office.alice)
    url = reverse("counter:today")
    few, html = _queries(client, url)
    _received(office, 8)
    many, html = _queries(client, url)
    assert many == few


def test_the_payment_slip_shows_a_vietqr_per_amount_due(client, portal):  # noqa: F811
    office = portal
    (dossier,) = _received(office)
    client.force_login(office.alice)
    url = reverse("payments:payment_slip", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert "GIẤY BÁO NỘP PHÍ, LỆ PHÍ" in page and "chưa khai báo tài khoản thu" in page
    CollectionAccount.objects.create(
        agency=office.centre_a,
        bank_bin="970415",
        bank_name="VietinBank",
        account_number="113000123456",
        account_name="UBND XA AN",
    )
    page = client.get(url).content.decode()
    assert page.count("<svg") >= 1 and dossier.obligations.get().reference in page
    assert "Tám nghìn đồng" in page
    pdf = client.get(url, {"pdf": 1})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # An officer of another commune: 404 (R5).
    client.force_login(office.bob)
    assert client.get(url).status_code == 404


def _result_ready(office, dossier):
    for actor, action, extra in (
        ("alice", Action.ASSIGN, {"assignee": office.sophie}),
        ("sophie", Action.PROPOSE, {}),
        ("leo", Action.APPROVE, {}),
    ):
        dossier = dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=action, expected_version=dossier.version, **extra),
            actor=getattr(office, actor),
        )
    return dossier


def test_a_fee_collected_at_the_result_holds_it_until_paid(client, portal):  # noqa: F811
    office = portal
    (dossier,) = _received(office)
    at_result = obligation_add(
        dossier=dossier,
        name="Lệ phí cấp giấy chứng nhận",
        amount=50_000,
        reason="Nghị quyết 12/2025/NQ-HĐND",
        actor=office.alice,
        moment=FeeMoment.AT_RESULT,
    )
    dossier = _result_ready(office, dossier)
    assert dossier.state == State.RESULT_READY
    client.force_login(office.alice)
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Kết quả được giữ lại" in page
    with pytest.raises(WorkflowError, match="50.000 đ"):
        dossier_transition(
            dossier_id=dossier.pk,
            move=Move(action=Action.RETURN_RESULT, expected_version=dossier.version),
            actor=office.alice,
        )
    # The fee at receipt does not hold it; the one at the result, once paid, releases it.
    counter_payment_record(
        obligation_id=at_result.pk,
        method="cash",
        amount=50_000,
        payer_name="An",
        actor=office.alice,
    )
    dossier.refresh_from_db()
    returned = dossier_transition(
        dossier_id=dossier.pk,
        move=Move(action=Action.RETURN_RESULT, expected_version=dossier.version),
        actor=office.alice,
    )
    assert returned.state == State.RETURNED

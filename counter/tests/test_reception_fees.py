"""Fees at the counter: computed from the quantities the officer enters (or the declaration
gives), shown before printing, corrected only with a reason that is audited, and charged on the
receipt (Mẫu 01)."""

import pytest
from django.urls import reverse

from catalog.models import EFormField, Fee, FeeUnit
from core.models import AuditEvent
from counter.tests.test_reception_page import reception_data
from dossiers.models import Dossier, DossierFee
from dossiers.tests.test_workspace import RECEPTION

pytestmark = pytest.mark.django_db

FEES_URL = reverse("counter:reception_fees")


@pytest.fixture
def copies(office):
    """Commune A's birth registration also charges for certified copies (Circular
    226/2016/TT-BTC: 2.000 đ a page for the first two pages, 1.000 đ from the third, at most
    200.000 đ a copy), beside its fixed 8.000 đ fee."""
    office.copy_fee = Fee.objects.create(
        version=office.version,
        name="Phí chứng thực bản sao",
        amount=2000,
        unit=FeeUnit.PAGE,
        tiers=[{"from": 3, "rate": 1000}],
        cap_per_copy=200_000,
        order=1,
    )
    office.fixed_fee = office.version.fees.get(name="Lệ phí")
    return office


def with_copies(client, office, pages="3", count="2", **changes) -> dict:
    prefix = f"fee_{office.copy_fee.pk}_"
    values = {prefix + "pages": pages, prefix + "count": count}
    values.update(changes)
    return reception_data(client, office, **values)


def test_three_pages_certified_twice_cost_10_000_d_on_the_receipt(client, copies):
    client.force_login(copies.alice)
    response = client.post(RECEPTION, with_copies(client, copies))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    row = dossier.fees.get(name="Phí chứng thực bản sao")
    assert (row.pages, row.count, row.computed_amount, row.amount) == (3, 2, 10_000, 10_000)
    assert row.correction_reason == ""
    receipt = client.get(reverse("dossiers:form", args=[dossier.pk, "01"])).content.decode()
    assert "Phí chứng thực bản sao (3 trang × 2 bản): 10.000 đ" in receipt
    assert "Lệ phí: 8.000 đ" in receipt
    assert "Tổng cộng: 18.000 đ" in receipt


def test_the_amount_shows_while_typing_and_after_recompute_without_javascript(client, copies):
    client.force_login(copies.alice)
    data = with_copies(client, copies)
    answer = client.post(FEES_URL, data).json()
    fee = next(item for item in answer["fees"] if item["id"] == copies.copy_fee.pk)
    assert (fee["computed"], fee["message"]) == ("10.000 đ", "")
    assert answer["total"] == "18.000 đ"
    page = client.post(RECEPTION, data | {"decision": "fees"})
    assert page.status_code == 200
    shown = f'id="fee-{copies.copy_fee.pk}-computed" data-fee-computed aria-live="polite">'
    assert shown + "10.000 đ" in page.content.decode()
    assert not Dossier.objects.exists()


def test_a_corrected_amount_without_a_reason_is_refused(client, copies):
    client.force_login(copies.alice)
    amount = f"fee_{copies.copy_fee.pk}_amount"
    response = client.post(RECEPTION, with_copies(client, copies, **{amount: "5.000"}))
    assert response.status_code == 200
    errors = response.context["form"].errors[f"fee_{copies.copy_fee.pk}_reason"]
    assert "Ghi lý do thu 5.000 đ" in errors[0]
    assert not Dossier.objects.exists()


def test_a_correction_is_charged_on_the_receipt_and_audited(client, copies):
    client.force_login(copies.alice)
    prefix = f"fee_{copies.fixed_fee.pk}_"
    data = with_copies(
        client,
        copies,
        **{prefix + "amount": "0", prefix + "reason": "Miễn lệ phí: hộ nghèo"},
    )
    assert client.post(RECEPTION, data).status_code == 302
    dossier = Dossier.objects.get()
    row = dossier.fees.get(name="Lệ phí")
    assert (row.computed_amount, row.amount, row.correction_reason) == (
        8000,
        0,
        "Miễn lệ phí: hộ nghèo",
    )
    event = AuditEvent.objects.get(action="dossier_fee_correct")
    assert event.object_id == str(dossier.pk)
    assert event.actor == copies.alice
    assert event.old_values == {"fee": "Lệ phí", "amount": 8000}
    assert event.new_values == {"fee": "Lệ phí", "amount": 0, "reason": "Miễn lệ phí: hộ nghèo"}
    receipt = client.get(reverse("dossiers:form", args=[dossier.pk, "01"])).content.decode()
    assert "Phí, lệ phí: Phí chứng thực bản sao (3 trang × 2 bản): 10.000 đ</li>" in receipt
    page = client.get(reverse("dossiers:dossier", args=[dossier.pk])).content.decode()
    assert "Điều chỉnh từ 8.000 đ: Miễn lệ phí: hộ nghèo" in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("pages", "0", "Số trang của bản chính ít nhất là 1."),
        ("count", "-2", "Số bản sao ít nhất là 1."),
        ("pages", "1000000", "Số trang của bản chính nhiều nhất là 100.000."),
        ("count", "9" * 15, "Số bản sao nhiều nhất là 100.000."),
        ("pages", "ba", "Số trang của bản chính phải là số nguyên."),
        ("count", "2.5", "Số bản sao phải là số nguyên."),
        ("pages", "", "Nhập số trang của bản chính."),
        ("amount", "mười nghìn", "Nhập số tiền bằng chữ số"),
        ("amount", "-5000", "Nhập số tiền bằng chữ số"),
    ],
)
def test_bad_quantities_get_a_vietnamese_message_and_nothing_is_saved(
    client, copies, field, value, message
):
    client.force_login(copies.alice)
    name = f"fee_{copies.copy_fee.pk}_{field}"
    response = client.post(RECEPTION, with_copies(client, copies, **{name: value}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[name][0]
    assert not Dossier.objects.exists()
    assert not DossierFee.objects.exists()


def test_quantities_the_declaration_asks_for_are_read_there_not_typed_twice(client, copies):
    for order, key in enumerate(("page_count", "copy_count")):
        EFormField.objects.create(
            version=copies.version, key=key, label=key, field_type="number", order=order
        )
    Fee.objects.filter(pk=copies.copy_fee.pk).update(
        pages_field="page_count", count_field="copy_count"
    )
    client.force_login(copies.alice)
    form = client.get(RECEPTION, {"thu_tuc": copies.version.pk}).context["form"]
    assert f"fee_{copies.copy_fee.pk}_pages" not in form.fields
    data = reception_data(client, copies, **{"ef-page_count": "3", "ef-copy_count": "2"})
    assert client.post(RECEPTION, data).status_code == 302
    row = Dossier.objects.get().fees.get(name="Phí chứng thực bản sao")
    assert (row.pages, row.count, row.amount) == (3, 2, 10_000)

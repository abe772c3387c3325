"""The daily reconciliation: per collecting agency and method, the money taken against the valid
receipts of the day; totals equal the receipts' in the page and in the Excel export; a receipt
cancelled without replacement shows as a difference; an officer sees only their agencies."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dossiers.services import dossier_receive
from dossiers.tests.conftest import reception_for
from payments.daybook import day_book
from payments.models import Receipt
from payments.receipts import receipt_cancel
from payments.services_obligations import obligation_add, obligations_ensure
from payments.services_payments import counter_payment_record

pytestmark = pytest.mark.django_db


def paid(office, method, *, amount=None, agency=None, actor=None):
    actor = actor or office.alice
    dossier = dossier_receive(
        reception=reception_for(office, receiving_agency=agency or office.centre_a), actor=actor
    )
    (obligation,) = obligations_ensure(dossier=dossier)
    if amount:
        obligation = obligation_add(
            dossier=dossier, name="Phí thẩm định", amount=amount, reason="NQ 12", actor=actor
        )
    return counter_payment_record(
        obligation_id=obligation.pk,
        method=method,
        amount=obligation.amount,
        payer_name="An",
        actor=actor,
    )


def today():
    return timezone.localdate()


def test_totals_per_agency_and_method_match_the_receipts(office):
    paid(office, "cash")
    paid(office, "cash", amount=150_000)
    paid(office, "pos", amount=1_500_000)
    paid(office, "cash", agency=office.centre_b, actor=office.bob)
    book = day_book(agency_ids=[office.centre_a.pk], day=today())
    rows = {(row.method, row.payments, row.paid, row.receipts, row.receipted) for row in book.rows}
    assert rows == {
        ("tiền mặt", 2, 158_000, 2, 158_000),
        ("thẻ (POS)", 1, 1_500_000, 1, 1_500_000),
    }
    issued = Receipt.objects.filter(agency=office.centre_a, state="issued")
    assert book.total.paid == book.total.receipted == sum(r.amount for r in issued)
    assert book.balanced and book.total.difference == 0
    # Another day has nothing.
    assert day_book(agency_ids=[office.centre_a.pk], day=today() - timedelta(days=1)).rows == []


def test_a_cancelled_receipt_without_replacement_is_a_difference(office):
    paid(office, "cash")
    receipt = Receipt.objects.get()
    receipt_cancel(receipt_id=receipt.pk, reason="Ghi sai tên", actor=office.alice)
    book = day_book(agency_ids=[office.centre_a.pk], day=today())
    assert not book.balanced and book.total.difference == 8000 and book.cancelled == 1
    assert [a.pk for a in book.unreceipted] == [receipt.attempt_id]
    # The replacement puts it right.
    paid(office, "cash")
    other = Receipt.objects.filter(state="issued").get()
    receipt_cancel(receipt_id=other.pk, reason="Sai tên", actor=office.alice, replace=True)
    book = day_book(agency_ids=[office.centre_a.pk], day=today())
    assert book.total.paid - book.total.receipted == 8000  # only the first one still differs


def test_the_page_and_the_excel_export_show_the_same_totals(client, office):
    paid(office, "cash")
    paid(office, "pos", amount=150_000)
    client.force_login(office.alice)
    url = reverse("payments:daybook")
    page = client.get(url).content.decode()
    assert "158.000 đ" in page and "Tiền thu và biên lai khớp nhau" in page
    export = client.get(url, {"day": today().strftime("%d/%m/%Y"), "xlsx": "1"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Tổng cộng"]
    assert values[0][2:7] == (2, 158_000, 2, 158_000, 0)


def test_bad_dates_are_refused_in_vietnamese_and_scope_is_kept(client, office):
    paid(office, "cash")
    client.force_login(office.alice)
    url = reverse("payments:daybook")
    bad = client.get(url, {"day": "31/02/2026"})
    assert bad.status_code == 400 and "dd/mm/yyyy" in bad.content.decode()
    # Bob (commune B) sees none of commune A's money, and may not pick commune A.
    client.force_login(office.bob)
    assert "8.000 đ" not in client.get(url).content.decode()
    refused = client.get(url, {"day": today().strftime("%d/%m/%Y"), "agency": office.centre_a.pk})
    assert refused.status_code == 400
    # The inspector of commune A reads it; a citizen's browser is sent to log in.
    client.force_login(office.ivy)
    assert "8.000 đ" in client.get(url).content.decode()
    client.logout()
    assert client.get(url).status_code == 302

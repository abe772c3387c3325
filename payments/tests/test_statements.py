"""Bank statements: credits carrying a due amount's reference with its exact amount pay it, all
in one transaction; every other line is left for a person, with why."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from payments.models import Obligation, PaymentAttempt, Receipt
from payments.services_obligations import obligation_add
from payments.services_statements import statement_import, statement_rows
from payments.statements import StatementError, lines_from_rows, rows_from_csv
from payments.states import ObligationState

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Ngày giao dịch", "Số tham chiếu", "Nội dung", "Ghi nợ", "Ghi có"]


def statement(*lines):
    rows = [["SAO KÊ TÀI KHOẢN"], [], HEADER]
    rows += [
        [i, "08/12/2026", f"FT{i:05d}", text, "", amount]
        for i, (text, amount) in enumerate(lines, 1)
    ]
    return rows


def test_a_bank_csv_with_a_title_block_reads_its_credit_lines():
    data = (
        "SAO KE\n\nNgày;Nội dung;Số tiền ghi có\n"
        "08/12/2026;CK MCB7QZTYJ6 le phi;150.000\n08/12/2026;Phi SMS;-11.000\n"
    )
    lines = lines_from_rows(rows_from_csv(data.encode("utf-8-sig")))
    assert [(line.amount, line.obligation_reference) for line in lines] == [(150_000, "MCB7QZTYJ6")]


def test_a_file_without_an_amount_column_is_refused():
    with pytest.raises(StatementError):
        lines_from_rows([["Ngày", "Nội dung"], ["1", "x"]])


def test_matching_lines_pay_their_amounts_and_the_rest_is_left_with_why(office, dossier):
    fee = dossier.obligations.get()
    land = obligation_add(
        dossier=dossier, name="Đất", amount=1_500_000, reason="TB", actor=office.alice
    )
    rows = statement(
        (f"NGUYEN VAN AN CK {fee.reference} LE PHI", 8000),
        (f"chuyen tien {land.reference.lower()}", 1_000_000),  # short
        ("CK khong ghi ma", 50_000),
        ("CK MCZZZZZZZZ", 8000),
    )
    result = statement_import(agency=office.centre_a, rows=rows, actor=office.alice)
    assert [m.line.obligation_reference for m in result.paid] == [fee.reference]
    assert len(result.left) == 3
    assert "1.000.000" in result.left[0].problem and "1.500.000" in result.left[0].problem
    fee.refresh_from_db()
    land.refresh_from_db()
    assert (fee.state, land.state) == (ObligationState.PAID, ObligationState.DUE)
    attempt = PaymentAttempt.objects.get()
    assert (attempt.method, attempt.gateway, attempt.transaction_no) == (
        "vietqr",
        "bank",
        "FT00001",
    )
    assert Receipt.objects.get().payer_name == "Nguyễn Văn An"
    # The same statement again pays nothing twice.
    again = statement_import(agency=office.centre_a, rows=rows, actor=office.alice)
    assert again.paid == [] and PaymentAttempt.objects.count() == 1


def test_another_communes_amount_is_not_paid_from_this_account(office, dossier):
    fee = dossier.obligations.get()
    result = statement_import(
        agency=office.centre_b, rows=statement((f"CK {fee.reference}", 8000)), actor=office.bob
    )
    assert result.paid == [] and Obligation.objects.get().state == ObligationState.DUE


def test_one_failing_line_records_nothing(office, dossier, monkeypatch):
    fee = dossier.obligations.get()
    land = obligation_add(
        dossier=dossier, name="Đất", amount=1_500_000, reason="TB", actor=office.alice
    )
    import payments.services_statements as module

    real = module.counter_payment_record
    calls = []

    def second_fails(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            from django.db import DatabaseError

            raise DatabaseError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(module, "counter_payment_record", second_fails)
    rows = statement((f"CK {fee.reference}", 8000), (f"CK {land.reference}", 1_500_000))
    with pytest.raises(StatementError):
        statement_import(agency=office.centre_a, rows=rows, actor=office.alice)
    assert not PaymentAttempt.objects.exists() and not Receipt.objects.exists()
    assert set(Obligation.objects.values_list("state", flat=True)) == {ObligationState.DUE}


def test_the_page_takes_an_excel_statement(client, office, dossier):
    fee = dossier.obligations.get()
    book = Workbook()
    for row in statement((f"CK {fee.reference}", 8000)):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("saoke.xlsx", data.getvalue())
    client.force_login(office.alice)
    response = client.post(
        reverse("payments:statement"), {"agency": office.centre_a.pk, "statement": upload}
    )
    assert response.status_code == 200
    assert "1 dòng đã thanh toán" in response.content.decode()
    assert Obligation.objects.get().state == ObligationState.PAID


def test_a_renamed_program_is_refused_in_vietnamese(client, office):
    client.force_login(office.alice)
    upload = SimpleUploadedFile("saoke.xlsx", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        reverse("payments:statement"), {"agency": office.centre_a.pk, "statement": upload}
    )
    assert response.status_code == 400
    assert "CSV hoặc Excel" in response.content.decode()


def test_statement_rows_refuse_binary_csv():
    with pytest.raises(StatementError):
        statement_rows(SimpleUploadedFile("a.csv", b"\x00\x01"))


def test_another_communes_officer_cannot_choose_this_account(client, office):
    client.force_login(office.bob)
    upload = SimpleUploadedFile("a.csv", b"Noi dung,So tien\nx,1\n")
    response = client.post(
        reverse("payments:statement"), {"agency": office.centre_a.pk, "statement": upload}
    )
    assert response.status_code == 400

"""The receipt as printed (A4, the administrative layout of the Mẫu forms): the template context
built from a receipt, with its verification QR and, while the fee is unpaid elsewhere, nothing
else. Reads only; printed through core.documents."""

import segno

from core.documents import Signer
from core.wording import long_date, long_time, place_name
from payments.models import CollectionAccount, Receipt, ReceiptState
from payments.selectors import vietqr_svg
from payments.states import Method, ObligationState
from payments.words import amount_words

# How the receipt names the method, in the official language whatever the officer's.
METHOD_WORDS = {
    Method.CASH: "Tiền mặt",
    Method.POS: "Thẻ (POS)",
    Method.VIETQR: "Chuyển khoản (VietQR)",
    Method.ONLINE: "Thanh toán trực tuyến",
}
TITLE = "Biên lai thu tiền phí, lệ phí"


def receipt_context(receipt: Receipt, *, verify_url: str) -> dict:
    obligation = receipt.attempt.obligation
    dossier = obligation.dossier
    agency = receipt.agency
    qr = segno.make(verify_url, error="m")
    account = CollectionAccount.objects.filter(agency=agency).first()
    return {
        "receipt": receipt,
        "obligation": obligation,
        "dossier": dossier,
        "document_title": f"{TITLE} {receipt.symbol} {receipt.number_text}",
        "form_template": "payments/receipt_sheet.html",
        "title": TITLE,
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "reference": "",
        "place_date": f"{place_name(agency)}, {long_date(receipt.issued_at)}",
        "issued": long_time(receipt.issued_at),
        "amount_words": amount_words(receipt.amount),
        "method_words": METHOD_WORDS.get(receipt.method, receipt.method),
        "procedure": dossier.procedure_version.name,
        "cancelled": receipt.state == ReceiptState.CANCELLED,
        "verify_url": verify_url,
        "account": account,
        "qr_svg": qr.svg_inline(
            scale=4, border=2, omitsize=True, title=f"Xác minh biên lai {receipt.number_text}"
        ),
        "signers": [
            Signer("NGƯỜI NỘP TIỀN", name=receipt.payer_name),
            Signer(
                "NGƯỜI THU TIỀN",
                name=str(receipt.issued_by) if receipt.issued_by else "Thu qua hệ thống",
            ),
        ],
    }


SLIP_TITLE = "Giấy báo nộp phí, lệ phí"


def payment_slip_context(dossier, obligations, *, account, pay_url: str, now) -> dict:
    """The payment slip (giấy báo nộp phí) handed to the citizen or printed from the dossier:
    each amount still due with a VietQR of its exact amount to the agency's collection account,
    its reference in the transfer's description (the statement import matches it), and the
    address to pay online. Nothing on it is a receipt: the receipt comes with the payment."""
    agency = dossier.receiving_agency
    due = [o for o in obligations if o.state == ObligationState.DUE]
    lines = [
        {
            "obligation": o,
            "words": amount_words(o.amount),
            "qr_svg": vietqr_svg(account, o, scale=4) if account else "",
        }
        for o in due
    ]
    total = sum(o.amount for o in due)
    return {
        "dossier": dossier,
        "lines": lines,
        "total": total,
        "total_words": amount_words(total) if total else "",
        "account": account,
        "pay_url": pay_url,
        "document_title": f"{SLIP_TITLE} {dossier.code}",
        "form_template": "payments/slip_sheet.html",
        "title": SLIP_TITLE,
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "reference": "",
        "place_date": f"{place_name(agency)}, {long_date(now)}",
        "procedure": dossier.procedure_version.name,
        "payer": _payer(dossier),
        "signers": [Signer("NGƯỜI LẬP GIẤY BÁO", name="")],
    }


def _payer(dossier) -> str:
    primary = next((a for a in dossier.applicants.all() if a.is_primary), None)
    return str(primary) if primary else ""

"""The receipt as printed (A4, the administrative layout of the Mẫu forms): the template context
built from a receipt, with its verification QR and, while the fee is unpaid elsewhere, nothing
else. Reads only; printed through core.documents."""

import segno

from core.documents import Signer
from core.wording import long_date, long_time, place_name
from payments.models import CollectionAccount, Receipt, ReceiptState
from payments.states import Method
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

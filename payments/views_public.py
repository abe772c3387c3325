"""The public verification page a receipt's QR code opens: whether the receipt exists and is
still valid, with its number, agency, amount and date. The token is unguessable and the
payer's name is masked, so neither scanning nor guessing reveals who paid (R6)."""

import re

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import ratelimit
from payments import selectors

VERIFY_LIMIT = 60  # a minute, per client


def mask_payer(name: str) -> str:
    """ "Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, as printed on a public
    page."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{word[0]}." for word in words[1:])])


@never_cache
@require_GET
def receipt_verify(request, token: str):
    allowed, retry_after = ratelimit.hit(
        key=f"receipt-verify:{ratelimit.client_key(request)}",
        limit=VERIFY_LIMIT,
        window_seconds=60,
    )
    if not allowed:
        response = render(request, "payments/verify_limited.html", status=429)
        response["Retry-After"] = str(retry_after)
        return response
    # Tokens are URL-safe base64: anything else (a NUL byte PostgreSQL refuses) is unknown.
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", token):
        raise Http404
    receipt = selectors.receipt_by_token(token)
    return render(
        request,
        "payments/verify.html",
        {"receipt": receipt, "payer": mask_payer(receipt.payer_name)},
    )

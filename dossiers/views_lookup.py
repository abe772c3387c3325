"""The public status lookup (no login): a dossier code in, the citizen's view of it out (R6).

Settings: LOOKUP_RATE_LIMIT lookups per LOOKUP_RATE_WINDOW seconds per client address
(default 30 per 60), counted in the default cache.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import ratelimit
from core.views import too_many_requests
from dossiers.lookup import (
    MAX_CODE_LENGTH,
    CodeInputError,
    PublicDossier,
    answer_lifetime,
    cache_key,
    dossier_for_lookup,
    is_plausible_code,
    normalise_code,
    public_view,
)

# The receipt's QR code links here with ?ma=<code>, the same parameter the form sends.
CODE_PARAMETER = "ma"


@require_GET
def lookup(request):
    raw = request.GET.get(CODE_PARAMETER)
    if raw is None:
        return render(request, "dossiers/lookup.html", {"max_length": MAX_CODE_LENGTH})
    allowed, retry_after = ratelimit.hit(
        key=f"lookup:{ratelimit.client_ip(request)}",
        limit=settings.LOOKUP_RATE_LIMIT,
        window_seconds=settings.LOOKUP_RATE_WINDOW,
    )
    if not allowed:
        return _private(too_many_requests(request, retry_after=retry_after))
    context = {"max_length": MAX_CODE_LENGTH, "code": "", "error": "", "result": None}
    try:
        code = normalise_code(raw[: MAX_CODE_LENGTH * 4])  # enough to tell "too long" apart
    except CodeInputError as error:
        context["error"] = error.args[0]
        return _private(render(request, "dossiers/lookup.html", context))
    context["code"] = code[:MAX_CODE_LENGTH]
    if not code:
        context["error"] = _("Enter the dossier code printed on your receipt.")
    elif not is_plausible_code(code):
        # A code that cannot exist gets the same answer as one that does not: no hints (R6).
        context["not_found"] = True
    else:
        context["result_html"], context["result"] = _answer(request, code)
        context["not_found"] = context["result_html"] is None
    return _private(render(request, "dossiers/lookup.html", context))


def _answer(request, code: str) -> tuple[str | None, PublicDossier | None]:
    """The rendered answer for `code`, from the cache when a citizen looked it up moments ago
    (the receipt's QR code is scanned again, the page is refreshed), else from the database.
    Dossier changes drop the cached copy (`forget_cached_answer`), so it is never staler than
    the dossier; only answers for existing dossiers are kept. The citizen's view of the dossier
    comes back too when it was computed (not on a cache hit)."""
    lifetime = settings.LOOKUP_CACHE_SECONDS
    key = cache_key(code, get_language())
    html = cache.get(key) if lifetime else None
    if html is not None:
        return html, None
    found = dossier_for_lookup(code=code)
    if found is None:
        return None, None
    dossier, applicant_name = found
    now = timezone.now()
    result = public_view(dossier=dossier, applicant_name=applicant_name, now=now)
    html = render_to_string("dossiers/partials/lookup_result.html", {"result": result}, request)
    if lifetime:
        cache.set(key, html, timeout=answer_lifetime(result, now=now, limit=lifetime))
    return html, result


def _private(response):
    """Every answer to a lookup may hold personal data (and found and not-found answers must
    look alike), so none is stored by a browser or proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response

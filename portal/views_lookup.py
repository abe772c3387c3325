"""The public status lookup (no login): a dossier code in, the citizen's view of it out (R6).

Settings: LOOKUP_RATE_LIMIT lookups per LOOKUP_RATE_WINDOW seconds per client address
(default 30 per 60), counted in the default cache.
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import ratelimit
from core.views import too_many_requests
from portal.lookup import (
    MAX_CODE_LENGTH,
    CodeInputError,
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
        return render(request, "portal/lookup.html", {"max_length": MAX_CODE_LENGTH})
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
        return _private(render(request, "portal/lookup.html", context))
    context["code"] = code[:MAX_CODE_LENGTH]
    if not code:
        context["error"] = _("Enter the dossier code printed on your receipt.")
        return _private(render(request, "portal/lookup.html", context))
    if not is_plausible_code(code):
        # A code that cannot exist gets the same answer as one that does not: no hints (R6).
        context["not_found"] = True
        return _private(render(request, "portal/lookup.html", context))
    # A citizen's page is the same for every visitor (no name, no token): the answer for a code
    # looked up moments ago (the receipt's QR scanned again, the page refreshed) is served as
    # rendered. Dossier changes drop it (`forget_cached_answer`), so it is never staler than the
    # dossier. Staff, and pages carrying a one-time message, are always rendered afresh.
    reusable = (
        settings.LOOKUP_CACHE_SECONDS > 0
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )
    key = cache_key(code, get_language())
    page = cache.get(key) if reusable else None
    if page is not None:
        return _private(HttpResponse(page))
    found = dossier_for_lookup(code=code)
    if found is None:
        context["not_found"] = True
        return _private(render(request, "portal/lookup.html", context))
    dossier, applicant_name = found
    now = timezone.now()
    context["result"] = public_view(dossier=dossier, applicant_name=applicant_name, now=now)
    response = render(request, "portal/lookup.html", context)
    if reusable:
        lifetime = answer_lifetime(context["result"], now=now, limit=settings.LOOKUP_CACHE_SECONDS)
        cache.set(key, response.content, timeout=lifetime)
    return _private(response)


def _private(response):
    """Every answer to a lookup may hold personal data (and found and not-found answers must
    look alike), so none is stored by a browser or proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response

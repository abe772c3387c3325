"""The public status lookup (no login): a dossier code in, the citizen's view of it out (R6).

A code alone shows the state only; the code with the check value printed beside it on the
receipt (both are in the receipt's QR link) shows the full view: procedure, masked name, dates,
where to collect the result. Codes are sequential, so a code alone says nothing about whose
dossier it is or what for.

Settings: LOOKUP_RATE_LIMIT lookups per LOOKUP_RATE_WINDOW seconds per client address
(default 30 per 60), and LOOKUP_CHECK_FAILURE_LIMIT wrong check values per
LOOKUP_CHECK_FAILURE_WINDOW seconds (default 10 an hour), counted in the default cache.
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import ratelimit
from core.views import too_many_requests
from dossiers.codes import CHECK_LENGTH
from dossiers.models import ReturnMethod
from portal.lookup import (
    FULL,
    MAX_CODE_LENGTH,
    STATE,
    CodeInputError,
    answer_lifetime,
    cache_key,
    check_digest,
    check_matches,
    dossier_for_lookup,
    is_plausible_code,
    normalise_check,
    normalise_code,
    public_view,
    state_only,
)
from postal.selectors import public_delivery

# The receipt's QR code links here with ?ma=<code>&kt=<check value>, the parameters the form
# sends.
CODE_PARAMETER = "ma"
CHECK_PARAMETER = "kt"


@require_GET
def lookup(request):
    raw = request.GET.get(CODE_PARAMETER)
    form = {"max_length": MAX_CODE_LENGTH, "check_length": CHECK_LENGTH}
    if raw is None:
        return render(request, "portal/lookup.html", form)
    client = ratelimit.client_key(request)
    allowed, retry_after = ratelimit.hit(
        key=f"lookup:{client}",
        limit=settings.LOOKUP_RATE_LIMIT,
        window_seconds=settings.LOOKUP_RATE_WINDOW,
    )
    if not allowed:
        return _private(too_many_requests(request, retry_after=retry_after))
    check = normalise_check(request.GET.get(CHECK_PARAMETER, ""))
    failures = {
        "key": f"lookup-check:{client}",
        "limit": settings.LOOKUP_CHECK_FAILURE_LIMIT,
        "window_seconds": settings.LOOKUP_CHECK_FAILURE_WINDOW,
    }
    if check:
        # Too many wrong check values: no more comparisons, whatever the value.
        used_up, retry_after = ratelimit.used_up(**failures)
        if used_up:
            return _private(too_many_requests(request, retry_after=retry_after))
    context = form | {"code": "", "check": check, "error": "", "result": None, "state": None}
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
    # A citizen's page is the same for every visitor giving the same code and check value: the
    # answer for a code looked up moments ago (the receipt's QR scanned again, the page
    # refreshed) is served as rendered. The full view is cached with a digest of its check value
    # and served only to a request giving that value. Dossier changes drop both
    # (`forget_cached_answer`), so they are never staler than the dossier. Staff, and pages
    # carrying a one-time message, are always rendered afresh.
    reusable = (
        settings.LOOKUP_CACHE_SECONDS > 0
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )
    language = get_language()
    if reusable and check:
        stored = cache.get(cache_key(code, language, FULL))
        if stored is not None and constant_time_compare(stored[0], check_digest(check)):
            return _private(HttpResponse(stored[1]))
    elif reusable:
        page = cache.get(cache_key(code, language, STATE))
        if page is not None:
            return _private(HttpResponse(page))
    found = dossier_for_lookup(code=code)
    if found is None:
        context["not_found"] = True
        return _private(render(request, "portal/lookup.html", context))
    dossier, applicant_name = found
    now = timezone.now()
    if check_matches(check, dossier.lookup_check):
        context["result"] = public_view(dossier=dossier, applicant_name=applicant_name, now=now)
        if dossier.return_method == ReturnMethod.POST:
            context["delivery"] = public_delivery(dossier.pk)
        response = render(request, "portal/lookup.html", context)
        if reusable:
            lifetime = answer_lifetime(
                context["result"], now=now, limit=settings.LOOKUP_CACHE_SECONDS
            )
            entry = (check_digest(check), response.content)
            cache.set(cache_key(code, language, FULL), entry, timeout=lifetime)
        return _private(response)
    context["state"] = state_only(dossier=dossier)
    if check:
        ratelimit.hit(**failures)
        context["check_error"] = _(
            "This check value does not match the dossier code. Type the %(length)s characters "
            "printed beside the code on your receipt, or scan the receipt's QR code."
        ) % {"length": CHECK_LENGTH}
        return _private(render(request, "portal/lookup.html", context))
    response = render(request, "portal/lookup.html", context)
    if reusable:
        cache.set(cache_key(code, language, STATE), response.content, settings.LOOKUP_CACHE_SECONDS)
    return _private(response)


def _private(response):
    """Every answer to a lookup may hold personal data (and found and not-found answers must
    look alike), so none is stored by a browser or proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response

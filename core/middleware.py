"""Session expiry and cache rules that apply to every page."""

import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MALFORMED_TEXT = gettext_lazy(
    "The form sent text that is not valid Unicode (UTF-8), so nothing was saved. Go back, "
    "type the text again (or paste it from another program) and send the form again."
)
SESSION_LOGIN_AT = "motcua_login_at"
SESSION_SEEN_AT = "motcua_seen_at"


class SessionTimeoutMiddleware:
    """R8: staff sessions end after SESSION_IDLE_TIMEOUT without a request and
    SESSION_ABSOLUTE_TIMEOUT after login, whichever comes first.

    The clock is kept in the session itself so it works with any session backend; `seen_at` is
    written at most once a minute to spare the database a write per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(SESSION_LOGIN_AT)
            seen_at = request.session.get(SESSION_SEEN_AT, login_at)
            if login_at is None:  # logged in before this middleware existed
                request.session[SESSION_LOGIN_AT] = login_at = now
                seen_at = now
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
            too_old = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or too_old:
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if now - seen_at >= 60:
                request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages shown to a logged-in user may hold personal data: never store them in a cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a citizen with
    an English-language phone still gets the Vietnamese official pages by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


def _is_utf8_form(body: bytes) -> bool:
    """Whether every name and value of an urlencoded body decodes as UTF-8."""
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


class RefuseMalformedTextMiddleware:
    """A form body that is not UTF-8 is refused with 400 before any view sees it: Django would
    otherwise decode it with replacement characters (�), and a view would store those in
    place of what the person typed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        if request.content_type == "application/x-www-form-urlencoded":
            malformed = not _is_utf8_form(request.body)
        elif request.content_type == "multipart/form-data":
            # The parser has replaced what did not decode; nobody types U+FFFD in a form.
            malformed = any(
                "\ufffd" in text for key, values in request.POST.lists() for text in (key, *values)
            )
        else:
            return None
        if malformed:
            from core.views import bad_request

            return bad_request(request, reason=MALFORMED_TEXT)
        return None

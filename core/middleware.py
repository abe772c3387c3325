"""Session expiry and cache rules that apply to every page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

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

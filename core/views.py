"""Login, logout, health and the error pages. Every error page is in Vietnamese and never 500s."""

import hmac

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from core.health import health_checks
from core.metrics import exposition
from core.network import client_ip


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Check both (capital letters count) and "
            "try again. After 10 failed attempts the account is locked for one hour."
        ),
        "inactive": _("This account has been disabled. Ask your agency administrator."),
    }


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@require_GET
def language(request, code: str):
    """Switch the interface language with a plain link and go back where the reader was.

    A link rather than Django's POST form: the choice is a preference cookie, not data, so it
    needs no CSRF token, and public pages without a token are the same for every visitor (the
    lookup's answers can then be cached whole) and work without JavaScript or forms."""
    target = request.GET.get("next", "/")
    # Only a path of this site: `redirect` would take "abc" for a view name and fail on it.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@require_GET
@never_cache
def healthz(request):
    """For the load balancer and the operator: 200 when the database, the task queue and the
    file storage answer, 503 naming the one that does not."""
    checks = health_checks()
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def metrics(request):
    """Prometheus text format. With METRICS_TOKEN set, a scraper sends it as a bearer token;
    without, only this machine may read it (the scraper beside the app, or through nginx with
    the client's address kept), and everyone else gets the 404 page."""
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        allowed = hmac.compare_digest(sent.encode(), token.encode())
    else:
        allowed = client_ip(request) in ("127.0.0.1", "::1")
    if not allowed:
        raise Http404
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)


def _error(request, template: str, status: int, **context) -> HttpResponse:
    return render(request, template, context, status=status)


@requires_csrf_token
def bad_request(request, exception=None, *, reason=""):
    """400; `reason` says what was wrong when the caller knows it."""
    return _error(request, "400.html", 400, reason=reason)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


@requires_csrf_token
def server_error(request):
    # Rendered without context processors that could fail again (no database access).
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request, reason=""):
    return _error(request, "403_csrf.html", 403)


def too_many_requests(request, *, retry_after: int, login: bool = False) -> HttpResponse:
    """429 with Retry-After; `login` adds the password hint for the login lockout only."""
    context = {"retry_after_minutes": max(1, retry_after // 60), "login": login}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when a (username, IP) pair is locked (R7)."""
    from django.conf import settings

    return too_many_requests(
        request, retry_after=int(settings.AXES_COOLOFF_TIME * 3600), login=True
    )

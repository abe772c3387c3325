"""Login, logout, health and the error pages. Every error page is in Vietnamese and never 500s."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


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
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


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

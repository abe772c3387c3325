"""Every API error as JSON: a stable `code` for programs and a Vietnamese `message` for people
(R14). DRF's exceptions, the domain's refusals and the project's error pages under /api/ all
answer in this one shape; an unexpected error is a JSON 500, never the HTML page."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core import views as core_views
from dossiers.services import Conflict, WorkflowError
from feedback.services import FeedbackError
from payments.services_shared import PaymentError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

# DRF's codes mapped to ours, and the Vietnamese message shown when DRF's own is English.
_DRF = {
    exceptions.ParseError: ("malformed", lambda: _("The request body is not valid JSON.")),
    exceptions.NotAuthenticated: (
        "not_authenticated",
        lambda: _("Send your agency's API key in the header “Authorization: Api-Key …”."),
    ),
    exceptions.NotFound: ("not_found", lambda: _("Not found.")),
    exceptions.MethodNotAllowed: ("method_not_allowed", lambda: _("This method is not allowed.")),
    exceptions.NotAcceptable: ("not_acceptable", lambda: _("The API answers in JSON only.")),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        lambda: _("Send the request body as JSON (Content-Type: application/json)."),
    ),
    exceptions.Throttled: (
        "rate_limited",
        lambda: _("Too many requests. Wait a moment and try again."),
    ),
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return body


def _fields(detail) -> dict:
    """A serializer's errors as {field: [messages]}, nested fields joined with dots."""
    flat: dict[str, list[str]] = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            if all(isinstance(item, str) for item in value):
                flat.setdefault(prefix or "non_field_errors", []).extend(str(v) for v in value)
            else:
                for index, inner in enumerate(value):
                    walk(f"{prefix}.{index}", inner)
        else:
            flat.setdefault(prefix or "non_field_errors", []).append(str(value))

    walk("", detail)
    return flat


def api_exception_handler(exc, context):
    """REST_FRAMEWORK's EXCEPTION_HANDLER."""
    if isinstance(exc, Conflict):
        return Response(error_body("stale_version", exc), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, WorkflowError | PaymentError | FeedbackError):
        return Response(error_body("refused", exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        # Not an API exception: a bug. Logged with its traceback; the client gets JSON.
        logger.exception("Unexpected error in the API", exc_info=exc)
        return Response(
            error_body("server_error", _("An unexpected error occurred. It has been logged.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            "invalid", _("Some fields are not valid: see “fields”."), _fields(exc.detail)
        )
    elif isinstance(exc, exceptions.AuthenticationFailed):
        body = error_body("invalid_key", exc.detail)
    elif isinstance(exc, exceptions.PermissionDenied):
        # A message of ours (a read-only key) is kept; DRF's English default is replaced.
        message = exc.detail
        if str(message) == str(exceptions.PermissionDenied.default_detail):
            message = _("You may not do this.")
        body = error_body(getattr(exc.detail, "code", "") or "forbidden", message)
        if body["code"] == "permission_denied":
            body["code"] = "forbidden"
    else:
        code, message = next(
            ((c, m) for kind, (c, m) in _DRF.items() if isinstance(exc, kind)),
            ("error", lambda: str(exc.detail)),
        )
        body = error_body(code, message())
    response.data = body
    return response


# --- The project's error pages, as JSON under /api/ (config.urls' handlers) -----------------


def _json(status_code: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse(error_body(code, message), status=status_code)
    response["Cache-Control"] = "no-store"
    return response


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None, **kwargs):
    if _is_api(request):
        return _json(400, "bad_request", _("The request is not valid."))
    return core_views.bad_request(request, exception, **kwargs)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _json(403, "forbidden", _("You may not do this."))
    return core_views.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _json(404, "not_found", _("Not found."))
    return core_views.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _json(500, "server_error", _("An unexpected error occurred. It has been logged."))
    return core_views.server_error(request)

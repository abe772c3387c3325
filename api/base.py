"""The two kinds of API view: public ones (no key, limited per address) and those of an
agency's machine clients (a key, its scope, its limit, an audit row per call); the paging both
use; and the strict reading of query parameters they share."""

from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import CursorPagination, LimitOffsetPagination

from api.auth import ApiKeyAuthentication, ClientThrottle, HasApiKey, KeyMayWrite, audit_call


class _StrictQuery:
    """A parameter given twice is refused rather than one of its values silently kept: the
    client meant something the API would not do."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        repeated = sorted(name for name, values in request.query_params.lists() if len(values) > 1)
        if repeated:
            raise ValidationError({name: [_("Give this parameter once.")] for name in repeated})

    def query(self) -> dict:
        """The query parameters as plain values: an empty one is then checked as given, not
        taken for a missing one as an HTML form's would be."""
        return self.request.query_params.dict()


class PublicView(_StrictQuery, GenericAPIView):
    authentication_classes = []  # a key sent here is ignored: the answer is the same for all
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ClientThrottle]


class ClientView(_StrictQuery, GenericAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasApiKey, KeyMayWrite]
    throttle_classes = [ClientThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        audit_call(request, response)
        return response


def whole_number(request, name: str, *, minimum: int, maximum: int) -> int | None:
    """A paging parameter, or None when absent; a wrong one is a 400, not silently ignored."""
    if name not in request.query_params:
        return None
    raw = request.query_params[name]
    if not raw.isascii() or not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise ValidationError(
            {
                name: [
                    _("Enter a whole number from %(min)d to %(max)d.")
                    % {"min": minimum, "max": maximum}
                ]
            }
        )
    return int(raw)


def _bounded(parameters: list[dict], bounds: dict[str, tuple[int, int]]) -> list[dict]:
    for parameter in parameters:
        if parameter["name"] in bounds:
            low, high = bounds[parameter["name"]]
            parameter["schema"] = {"type": "integer", "minimum": low, "maximum": high}
    return parameters


class NewestFirst(CursorPagination):
    """Cursor paging, newest first: a page costs the same at the millionth row as at the
    first (no OFFSET, no COUNT), and rows arriving meanwhile never shift a page."""

    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        given = whole_number(request, "page_size", minimum=1, maximum=self.max_page_size)
        return given or self.page_size

    def get_schema_operation_parameters(self, view):
        bounds = {"page_size": (1, self.max_page_size)}
        return _bounded(super().get_schema_operation_parameters(view), bounds)


class Numbered(LimitOffsetPagination):
    """Limit and offset, for the catalogue: a few hundred procedures, sorted by name."""

    default_limit = 50
    max_limit = 200
    max_offset = 100_000

    def get_limit(self, request):
        given = whole_number(request, "limit", minimum=1, maximum=self.max_limit)
        return given or self.default_limit

    def get_offset(self, request):
        return whole_number(request, "offset", minimum=0, maximum=self.max_offset) or 0

    def get_schema_operation_parameters(self, view):
        bounds = {"limit": (1, self.max_limit), "offset": (0, self.max_offset)}
        return _bounded(super().get_schema_operation_parameters(view), bounds)

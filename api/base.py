"""The two kinds of API view: public ones (no key, limited per address) and those of an
agency's machine clients (a key, its scope, its limit, an audit row per call)."""

from rest_framework import permissions
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import CursorPagination

from api.auth import ApiKeyAuthentication, ClientThrottle, HasApiKey, KeyMayWrite, audit_call


class PublicView(GenericAPIView):
    authentication_classes = []  # a key sent here is ignored: the answer is the same for all
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ClientThrottle]


class ClientView(GenericAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasApiKey, KeyMayWrite]
    throttle_classes = [ClientThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        audit_call(request, response)
        return response


class NewestFirst(CursorPagination):
    """Cursor paging, newest first: a page costs the same at the millionth row as at the
    first (no OFFSET, no COUNT), and rows arriving meanwhile never shift a page."""

    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

"""The application's URLs plus a bare "hello" view: the baseline the lookup's requests per
second are compared with (same gunicorn, same middleware, no database, no template); and the
API's baseline, an empty answer through the API's key, limit and audit (benchmarks/api_list.py)."""

from django.http import HttpResponse
from django.urls import path
from rest_framework.response import Response

from api.base import ClientView
from config.urls import urlpatterns as application


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("hello/", hello), *application]


class ApiHello(ClientView):
    """The API's own baseline: a key checked, the rate limit counted, the call audited, and
    an empty JSON answer; no dossier read."""

    def get(self, request):
        return Response({})


urlpatterns.insert(1, path("api-hello/", ApiHello.as_view()))

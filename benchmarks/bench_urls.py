"""The application's URLs plus a bare "hello" view: the baseline the lookup's requests per
second are compared with (same gunicorn, same middleware, no database, no template)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as application


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("hello/", hello), *application]

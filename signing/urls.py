"""The signing app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from signing import views

app_name = "signing"

urlpatterns = [
    path(
        "can-bo/ho-so/<id:pk>/ky-so/<str:kind>/<id:file_pk>/kiem-tra/",
        views.signature_check,
        name="check",
    ),
]

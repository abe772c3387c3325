"""The sync app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from sync import views

app_name = "sync"

urlpatterns = [
    path("can-bo/dong-bo-quoc-gia/", views.unsynced, name="unsynced"),
    path("can-bo/dong-bo-quoc-gia/<id:pk>/gui-lai/", views.send_again, name="send-again"),
]

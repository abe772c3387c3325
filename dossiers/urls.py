"""Dossier URLs, one module per area so each stays small."""

from django.urls import include, path

app_name = "dossiers"

urlpatterns = [
    path("", include("dossiers.urls_workspace")),
    path("", include("dossiers.urls_forms")),
    path("", include("dossiers.urls_files")),
    path("", include("dossiers.urls_messages")),
]

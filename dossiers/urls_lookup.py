from django.urls import path

from dossiers import views_lookup

urlpatterns = [
    path("tra-cuu/", views_lookup.lookup, name="lookup"),
]

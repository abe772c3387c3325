"""The surveys app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("danh-gia/<str:token>/", views.rate, name="rate"),
    path("can-bo/danh-gia-hai-long/", views.figures, name="figures"),
]

"""The reports app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from reports import views_access, views_index, views_par, views_statistics, views_targets

app_name = "reports"

urlpatterns = [
    path("can-bo/bao-cao/chi-so-766/", views_index.scorecard_page, name="index766"),
    path(
        "can-bo/bao-cao/chi-so-766/<slug:key>/",
        views_index.indicator_page,
        name="index766-indicator",
    ),
    path("can-bo/bao-cao/thong-ke/", views_statistics.statistics_page, name="statistics"),
    path("can-bo/bao-cao/muc-tieu/", views_targets.targets_page, name="targets"),
    path("can-bo/bao-cao/par-index/", views_par.par_page, name="par"),
    path("can-bo/bao-cao/papi/", views_par.papi_page, name="papi"),
    path("can-bo/bao-cao/truy-cap/", views_access.access_staff, name="access-staff"),
    path("thong-ke-truy-cap/", views_access.access_public, name="access"),
]

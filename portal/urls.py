"""The public pages: what anyone sees without logging in."""

from django.urls import path

from portal import views_catalogue, views_lookup, views_roster

app_name = "portal"

urlpatterns = [
    path("thu-tuc/", views_catalogue.catalogue, name="catalogue"),
    path("thu-tuc/niem-yet/<slug:board>/", views_catalogue.notice_board, name="notice-board"),
    path("thu-tuc/<id:pk>/", views_catalogue.procedure_detail, name="procedure"),
    path("thu-tuc/<id:pk>/to-khai/", views_catalogue.declaration, name="declaration"),
    path(
        "thu-tuc/<id:pk>/mau/<id:document_pk>/",
        views_catalogue.template_download,
        name="template-download",
    ),
    path("tra-cuu/", views_lookup.lookup, name="lookup"),
    path("lich-truc/<code:code>/", views_roster.roster_public, name="public-roster"),
]

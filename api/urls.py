"""The API under /api/: the OpenAPI schema and its docs, version 1's endpoints, and a JSON 404
for any other path below /api/."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import views_clients, views_dossiers, views_public, views_records
from api.errors import page_not_found

app_name = "api"

v1 = "api/v1/"

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, so the page needs no inline
    # script (the CSP forbids them, R11); its assets come from drf-spectacular-sidecar.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(f"{v1}procedures/", views_public.ProcedureList.as_view(), name="procedures"),
    path(f"{v1}procedures/<id:pk>/", views_public.ProcedureDetail.as_view(), name="procedure"),
    path(f"{v1}lookup/", views_public.Lookup.as_view(), name="lookup"),
    path(f"{v1}dossiers/", views_dossiers.DossierList.as_view(), name="dossiers"),
    path(f"{v1}dossiers/<id:pk>/", views_dossiers.DossierDetail.as_view(), name="dossier"),
    path(
        f"{v1}dossiers/<id:pk>/transition/",
        views_dossiers.DossierTransition.as_view(),
        name="dossier-transition",
    ),
    path(
        f"{v1}dossiers/<id:pk>/documents/",
        views_records.DossierDocuments.as_view(),
        name="dossier-documents",
    ),
    path(
        f"{v1}dossiers/<id:pk>/payments/",
        views_records.DossierPayments.as_view(),
        name="dossier-payments",
    ),
    path(f"{v1}feedback/", views_records.FeedbackList.as_view(), name="feedback"),
    path(f"{v1}feedback/<id:pk>/", views_records.FeedbackDetail.as_view(), name="feedback-item"),
    # The staff pages where an agency administrator manages the keys.
    path("can-bo/api/", views_clients.client_list, name="clients"),
    path("can-bo/api/<id:pk>/thu-hoi/", views_clients.client_revoke, name="client-revoke"),
    # Exempt from CSRF like the API views: a POST to a wrong path is a 404, not the form page.
    re_path(r"^api/", csrf_exempt(page_not_found)),
]

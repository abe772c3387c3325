"""The inspection team's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from inspection import views

app_name = "inspection"

urlpatterns = [
    path("can-bo/kiem-tra/", views.inspection_list, name="list"),
    path("can-bo/kiem-tra/moi/", views.inspection_new, name="new"),
    path("can-bo/kiem-tra/<id:pk>/", views.inspection_detail, name="detail"),
    path("can-bo/kiem-tra/<id:pk>/bien-ban/", views.inspection_report, name="report"),
    path("can-bo/kiem-tra/<id:pk>/muc/<id:finding_pk>/", views.finding_record, name="finding"),
    path("can-bo/kiem-tra/<id:pk>/tep/", views.evidence_add, name="evidence"),
    path(
        "can-bo/kiem-tra/<id:pk>/tep/<id:file_pk>/",
        views.evidence_download,
        name="evidence-file",
    ),
    path("can-bo/kiem-tra/<id:pk>/viec/", views.action_add, name="action"),
    path(
        "can-bo/kiem-tra/<id:pk>/viec/<id:action_pk>/xong/",
        views.action_complete,
        name="action-done",
    ),
    path("can-bo/kiem-tra/<id:pk>/ket-qua/", views.outcome_record, name="outcome"),
    path("can-bo/kiem-tra/<id:pk>/ket-luan/", views.inspection_close, name="close"),
]

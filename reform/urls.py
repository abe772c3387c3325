"""The reform app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from reform import views, views_progress

app_name = "reform"

urlpatterns = [
    path("can-bo/ke-hoach/", views.plan_list, name="plan-list"),
    path("can-bo/ke-hoach/moi/", views.plan_new, name="plan-new"),
    path("can-bo/ke-hoach/qua-han/", views_progress.overdue, name="overdue"),
    path("can-bo/ke-hoach/<id:pk>/", views.plan_detail, name="plan"),
    path("can-bo/ke-hoach/<id:pk>/sua/", views.plan_edit, name="plan-edit"),
    path("can-bo/ke-hoach/<id:pk>/in/", views.plan_print, name="plan-print"),
    path("can-bo/ke-hoach/<id:pk>/nhap/", views.tasks_import, name="import"),
    path("can-bo/ke-hoach/<id:pk>/nhap/mau/", views.import_template, name="import-template"),
    path("can-bo/ke-hoach/<id:pk>/nhiem-vu/moi/", views.task_new, name="task-new"),
    path("can-bo/ke-hoach/<id:pk>/nhiem-vu/<id:task_pk>/", views_progress.task_detail, name="task"),
    path("can-bo/ke-hoach/<id:pk>/nhiem-vu/<id:task_pk>/sua/", views.task_edit, name="task-edit"),
    path(
        "can-bo/ke-hoach/<id:pk>/nhiem-vu/<id:task_pk>/tien-do/",
        views_progress.progress_add,
        name="progress",
    ),
    path(
        "can-bo/ke-hoach/<id:pk>/nhiem-vu/<id:task_pk>/tep/<id:evidence_pk>/",
        views_progress.evidence_download,
        name="evidence",
    ),
    path("can-bo/ke-hoach/<id:pk>/so-ket/moi/", views_progress.review_new, name="review-new"),
    path(
        "can-bo/ke-hoach/<id:pk>/so-ket/<id:review_pk>/",
        views_progress.review_detail,
        name="review",
    ),
    path(
        "can-bo/ke-hoach/<id:pk>/so-ket/<id:review_pk>/in/",
        views_progress.review_print,
        name="review-print",
    ),
]

"""The digitised documents' pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from digitised import views

app_name = "digitised"

urlpatterns = [
    path(
        "can-bo/ho-so/<id:pk>/so-hoa/tep/<id:file_pk>/",
        views.component_record,
        name="component",
    ),
    path(
        "can-bo/ho-so/<id:pk>/so-hoa/dung-lai/<id:document_pk>/",
        views.reuse,
        name="reuse",
    ),
]

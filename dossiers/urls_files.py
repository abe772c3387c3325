from django.urls import path

from dossiers import views_files

urlpatterns = [
    path("can-bo/ho-so/<id:pk>/tep/<id:file_pk>/", views_files.file_download, name="file"),
    path(
        "can-bo/ho-so/<id:pk>/ket-qua/<id:document_pk>/",
        views_files.result_file_download,
        name="result-file",
    ),
]

from django.urls import path

from dossiers import views_workspace

urlpatterns = [
    path("can-bo/ho-so/", views_workspace.queue, name="queue"),
    path("can-bo/ho-so/<id:pk>/", views_workspace.dossier_page, name="dossier"),
    path("can-bo/ho-so/<id:pk>/thao-tac/", views_workspace.dossier_action, name="action"),
]

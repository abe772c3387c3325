from django.urls import path

from dossiers import views_camera, views_reception, views_workspace

urlpatterns = [
    path("can-bo/ho-so/", views_workspace.queue, name="queue"),
    path("can-bo/ho-so/tiep-nhan/", views_reception.reception, name="reception"),
    path("can-bo/ho-so/tiep-nhan/quet-the/", views_reception.reception_card, name="reception_card"),
    path("can-bo/ho-so/tiep-nhan/camera/", views_camera.reception_camera, name="reception_camera"),
    path("can-bo/ho-so/<int:pk>/", views_workspace.dossier_page, name="dossier"),
    path("can-bo/ho-so/<int:pk>/thao-tac/", views_workspace.dossier_action, name="action"),
]

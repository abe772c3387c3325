from django.urls import path

from dossiers import views_forms

urlpatterns = [
    path("can-bo/ho-so/<id:pk>/mau/<str:number>/", views_forms.form_view, name="form"),
    path("can-bo/so-theo-doi/", views_forms.register_view, name="register"),
]

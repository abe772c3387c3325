"""The online app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from online import views, views_followup

app_name = "online"

urlpatterns = [
    path("cong-dan/nop/<id:pk>/", views.start, name="start"),
    path("cong-dan/ho-so-nhap/<uuid:key>/", views.draft, name="draft"),
    path("cong-dan/ho-so/", views.my_dossiers, name="my-dossiers"),
    path("cong-dan/ho-so/<id:pk>/", views.dossier, name="dossier"),
    path("cong-dan/ho-so/<id:pk>/mau/<str:number>/", views_followup.letter, name="letter"),
    path("cong-dan/ho-so/<id:pk>/bo-sung/", views_followup.supplement, name="supplement"),
    path("cong-dan/ho-so/<id:pk>/rut/", views_followup.withdraw, name="withdraw"),
]

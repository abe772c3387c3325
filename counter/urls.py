from django.urls import path

from counter import views, views_public

app_name = "counter"

urlpatterns = [
    path("lich-truc/<code:code>/", views_public.roster_public, name="public-roster"),
    path("can-bo/lich-truc/", views.roster, name="roster"),
    path("can-bo/lich-truc/<id:pk>/xoa/", views.shift_remove, name="shift-remove"),
]

"""The postal app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from postal import views, views_callback, views_delivery

app_name = "postal"

urlpatterns = [
    path("can-bo/buu-chinh/", views.today, name="today"),
    # Called by the carrier (no login): its adapter authenticates each call.
    path("buu-chinh/goi-lai/<slug:key>/", views_callback.callback, name="callback"),
    path("can-bo/buu-chinh/buu-gui-den/moi/", views.arrival, name="arrival"),
    path("can-bo/buu-chinh/buu-gui-den/<id:pk>/", views.register, name="register"),
    path("can-bo/buu-chinh/buu-gui-den/<id:pk>/tra-lai/", views.send_back, name="send-back"),
    path("can-bo/buu-chinh/buu-gui-den/<id:pk>/da-gui/", views.posted_back, name="posted-back"),
    path(
        "can-bo/buu-chinh/ho-so/<id:dossier_pk>/dia-chi/",
        views_delivery.request_delivery,
        name="request",
    ),
    path("can-bo/buu-chinh/chuyen-phat/<id:pk>/", views_delivery.delivery, name="delivery"),
    path(
        "can-bo/buu-chinh/chuyen-phat/<id:pk>/phieu-gui.pdf",
        views_delivery.label,
        name="label",
    ),
    path(
        "can-bo/buu-chinh/chuyen-phat/<id:pk>/demo/",
        views_delivery.demo_push,
        name="demo-push",
    ),
    path(
        "can-bo/buu-chinh/chuyen-phat/<id:pk>/<slug:action>/",
        views_delivery.delivery_act,
        name="delivery-act",
    ),
]

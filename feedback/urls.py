"""The feedback app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from feedback import views_public, views_rate, views_staff

app_name = "feedback"

urlpatterns = [
    path("phan-anh-kien-nghi/gui/", views_public.send, name="send"),
    path("phan-anh-kien-nghi/tra-cuu/", views_public.follow, name="follow"),
    path("phan-anh-kien-nghi/tra-loi/", views_public.answers, name="answers"),
    path("phan-anh-kien-nghi/tra-loi/<id:pk>/", views_public.answer_detail, name="answer"),
    path("can-bo/phan-anh/", views_staff.queue, name="queue"),
    path("can-bo/phan-anh/tiep-nhan/", views_staff.register, name="register"),
    path("can-bo/phan-anh/ty-le-dung-han/", views_rate.rate, name="rate"),
    path("can-bo/phan-anh/<id:pk>/", views_staff.item_page, name="item"),
    path("can-bo/phan-anh/<id:pk>/thao-tac/", views_staff.item_action, name="action"),
    path("can-bo/phan-anh/<id:pk>/phieu-tiep-nhan/", views_staff.receipt, name="receipt"),
]

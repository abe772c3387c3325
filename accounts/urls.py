"""The citizen's account pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("cong-dan/dang-nhap/", views.sign_in, name="sign-in"),
    path("cong-dan/dang-nhap/ma/", views.sign_in_code, name="sign-in-code"),
    path("cong-dan/dang-nhap/vneid/", views.vneid_start, name="vneid"),
    path("cong-dan/dang-nhap/vneid/ve/", views.vneid_return, name="vneid-return"),
    path("cong-dan/dang-xuat/", views.sign_out, name="sign-out"),
    path("cong-dan/tai-khoan/", views.home, name="home"),
]

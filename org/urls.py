from django.urls import path

from org import mfa, views, views_admin

app_name = "org"

urlpatterns = [
    path("", views.home, name="home"),
    path("can-bo/", views.staff_home, name="staff-home"),
    path("can-bo/co-quan/", views.agency_list, name="agency-list"),
    path("can-bo/co-quan/<code:code>/", views.agency_detail, name="agency-detail"),
    path("can-bo/co-quan/<code:code>/sua/", views_admin.agency_edit, name="agency-edit"),
    path("can-bo/nhan-su/", views_admin.staff_list, name="staff-list"),
    path("can-bo/nhan-su/them/", views_admin.staff_create, name="staff-create"),
    path("can-bo/nhan-su/<id:pk>/", views_admin.staff_detail, name="staff-detail"),
    path("can-bo/nhan-su/<id:pk>/khoa/", views_admin.staff_deactivate, name="staff-deactivate"),
    path(
        "can-bo/nhan-su/<id:pk>/mat-khau/",
        views_admin.staff_reset_password,
        name="staff-reset-password",
    ),
    path(
        "can-bo/nhan-su/<id:pk>/xac-thuc/",
        views_admin.staff_reset_authenticator,
        name="staff-reset-authenticator",
    ),
    path("can-bo/lich-lam-viec/", views.working_calendar_page, name="calendar"),
    path("can-bo/nhat-ky/", views.audit_log, name="audit-log"),
    path("xac-thuc/thiet-lap/", mfa.mfa_setup, name="mfa-setup"),
    path("xac-thuc/", mfa.mfa_verify, name="mfa-verify"),
]

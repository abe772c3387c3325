from django.urls import path

from org import mfa, views

app_name = "org"

urlpatterns = [
    path("", views.home, name="home"),
    path("can-bo/", views.staff_home, name="staff-home"),
    path("can-bo/co-quan/", views.agency_list, name="agency-list"),
    path("can-bo/co-quan/<code:code>/", views.agency_detail, name="agency-detail"),
    path("can-bo/lich-lam-viec/", views.working_calendar_page, name="calendar"),
    path("can-bo/nhat-ky/", views.audit_log, name="audit-log"),
    path("xac-thuc/thiet-lap/", mfa.mfa_setup, name="mfa-setup"),
    path("xac-thuc/", mfa.mfa_verify, name="mfa-verify"),
]

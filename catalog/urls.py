from django.urls import path

from catalog import views_eform, views_staff

app_name = "catalog"

urlpatterns = [
    path("can-bo/thu-tuc/", views_staff.procedure_list, name="staff-list"),
    path("can-bo/thu-tuc/moi/", views_staff.procedure_new, name="staff-new"),
    path("can-bo/thu-tuc/<id:pk>/", views_staff.procedure_manage, name="staff-procedure"),
    path("can-bo/thu-tuc/<id:pk>/sua/", views_staff.version_edit, name="staff-edit"),
    path("can-bo/thu-tuc/<id:pk>/phien-ban-moi/", views_staff.version_start, name="staff-draft"),
    path("can-bo/thu-tuc/<id:pk>/dieu-chinh/", views_staff.procedure_adapt, name="staff-adapt"),
    path("can-bo/thu-tuc/<id:pk>/cong-bo/", views_staff.version_publish, name="staff-publish"),
    path("can-bo/thu-tuc/<id:pk>/het-hieu-luc/", views_staff.procedure_expire, name="staff-expire"),
    path(
        "can-bo/thu-tuc/<id:pk>/phien-ban/<id:number>/",
        views_staff.version_detail,
        name="staff-version",
    ),
    # E-form editor
    path("can-bo/thu-tuc/<id:pk>/bieu-mau/", views_eform.eform_editor, name="eform-editor"),
    path(
        "can-bo/thu-tuc/<id:pk>/bieu-mau/<id:field_pk>/",
        views_eform.eform_field,
        name="eform-field",
    ),
    path(
        "can-bo/thu-tuc/<id:pk>/bieu-mau/<id:field_pk>/di-chuyen/",
        views_eform.eform_move,
        name="eform-move",
    ),
    path(
        "can-bo/thu-tuc/<id:pk>/bieu-mau/<id:field_pk>/xoa/",
        views_eform.eform_delete,
        name="eform-delete",
    ),
    path(
        "can-bo/thu-tuc/<id:pk>/phien-ban/<id:number>/bieu-mau/xem-thu/",
        views_eform.eform_preview,
        name="eform-preview",
    ),
    path(
        "can-bo/thu-tuc/<id:pk>/phien-ban/<id:number>/bieu-mau/to-khai/",
        views_eform.eform_declaration,
        name="eform-declaration",
    ),
]

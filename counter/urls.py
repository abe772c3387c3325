from django.urls import path

from counter import (
    views,
    views_camera,
    views_counts,
    views_guidance,
    views_reception,
    views_today,
)

app_name = "counter"

urlpatterns = [
    # Where a login lands (only a redirect, so outside the staff pages), and the officers'
    # start page with the day's work.
    path("bat-dau/", views_today.start, name="start"),
    path("can-bo/hom-nay/", views_today.today, name="today"),
    path("can-bo/lich-truc/", views.roster, name="roster"),
    path("can-bo/lich-truc/<id:pk>/xoa/", views.shift_remove, name="shift-remove"),
    # The guidance screens: the only staff pages a volunteer sees.
    path("can-bo/huong-dan/", views_guidance.guidance, name="guidance"),
    path("can-bo/huong-dan/phieu/moi/", views_guidance.slip_new, name="slip-new"),
    path("can-bo/huong-dan/phieu/<id:pk>/", views_guidance.slip, name="slip"),
    path("can-bo/huong-dan/truc-tuyen/", views_guidance.guided_new, name="guided-new"),
    path("can-bo/huong-dan/truc-tuyen/<id:pk>/ma/", views_guidance.guided_code, name="guided-code"),
    # Reception at the counter.
    path("can-bo/ho-so/tiep-nhan/", views_reception.reception, name="reception"),
    path("can-bo/ho-so/tiep-nhan/quet-the/", views_reception.reception_card, name="reception_card"),
    path("can-bo/ho-so/tiep-nhan/le-phi/", views_reception.reception_fees, name="reception_fees"),
    path("can-bo/ho-so/tiep-nhan/camera/", views_camera.reception_camera, name="reception_camera"),
    # Officers' pages.
    path(
        "can-bo/ho-so/<id:pk>/to-khai-chu-lon/",
        views_counts.declaration_large,
        name="declaration-large",
    ),
    path("can-bo/so-lieu-mo-hinh/", views_counts.counts, name="counts"),
]

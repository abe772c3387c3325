"""The disclosure app's pages (Vietnamese paths without diacritics, as elsewhere)."""

from django.urls import path

from disclosure import views_drafts, views_public, views_staff

app_name = "disclosure"

urlpatterns = [
    # Public
    path("cong-khai/", views_public.index, name="public-index"),
    path("cong-khai/atom.xml", views_public.feed, name="public-feed"),
    path("cong-khai/<id:pk>/", views_public.item_detail, name="public-item"),
    path("cong-khai/<id:pk>/niem-yet/", views_public.notice_sheet, name="public-sheet"),
    path(
        "cong-khai/<id:pk>/tep/<id:attachment_pk>/",
        views_public.attachment_download,
        name="public-attachment",
    ),
    path("du-thao/", views_drafts.public_list, name="drafts-public"),
    path("du-thao/<id:pk>/", views_drafts.public_draft, name="draft-public"),
    path("du-thao/<id:pk>/tong-hop/", views_drafts.public_summary, name="draft-summary"),
    path(
        "du-thao/<id:pk>/tong-hop/in/",
        views_drafts.public_summary_sheet,
        name="draft-summary-sheet",
    ),
    # Staff
    path("can-bo/du-thao/", views_drafts.staff_list, name="staff-drafts"),
    path("can-bo/du-thao/moi/", views_drafts.staff_new, name="draft-new"),
    path("can-bo/du-thao/<id:pk>/", views_drafts.staff_draft, name="draft-staff"),
    path("can-bo/du-thao/<id:pk>/sua/", views_drafts.staff_edit, name="draft-edit"),
    path("can-bo/du-thao/<id:pk>/cong-bo/", views_drafts.staff_publish, name="draft-publish"),
    path(
        "can-bo/du-thao/<id:pk>/y-kien/<id:comment_pk>/duyet/",
        views_drafts.staff_moderate,
        name="draft-moderate",
    ),
    path(
        "can-bo/du-thao/<id:pk>/y-kien/<id:comment_pk>/tra-loi/",
        views_drafts.staff_answer,
        name="draft-answer",
    ),
    path("can-bo/du-thao/<id:pk>/tong-hop/", views_drafts.staff_summary, name="draft-summarise"),
    path("can-bo/cong-khai/", views_staff.register, name="staff-register"),
    path("can-bo/cong-khai/moi/", views_staff.item_new, name="staff-new"),
    path("can-bo/cong-khai/lich/", views_staff.disclosure_calendar, name="staff-calendar"),
    path("can-bo/cong-khai/thon/", views_staff.hamlets, name="staff-hamlets"),
    path("can-bo/cong-khai/<id:pk>/", views_staff.item_detail, name="staff-item"),
    path("can-bo/cong-khai/<id:pk>/sua/", views_staff.item_edit, name="staff-edit"),
    path("can-bo/cong-khai/<id:pk>/cong-bo/", views_staff.item_publish, name="staff-publish"),
    path("can-bo/cong-khai/<id:pk>/go-xuong/", views_staff.item_withdraw, name="staff-withdraw"),
    path("can-bo/cong-khai/<id:pk>/niem-yet/", views_staff.posting_add, name="staff-posting"),
    path("can-bo/cong-khai/<id:pk>/tep/", views_staff.attachment_add, name="staff-attach"),
    path(
        "can-bo/cong-khai/<id:pk>/tep/<id:attachment_pk>/",
        views_staff.attachment_download,
        name="staff-attachment",
    ),
    path(
        "can-bo/cong-khai/<id:pk>/tep/<id:attachment_pk>/xoa/",
        views_staff.attachment_remove,
        name="staff-detach",
    ),
    path("can-bo/cong-khai/<id:pk>/bang/nhap/", views_staff.table_import, name="staff-import"),
    path("can-bo/cong-khai/<id:pk>/bang/mau/", views_staff.table_template, name="staff-template"),
    path("can-bo/cong-khai/<id:pk>/bang/them/", views_staff.row_add, name="staff-row-add"),
    path(
        "can-bo/cong-khai/<id:pk>/bang/<id:row_pk>/xoa/",
        views_staff.row_remove,
        name="staff-row-remove",
    ),
]

"""The payments app's pages (Vietnamese paths without diacritics, as elsewhere).

`payments:receipt_verify` (/bien-lai/<token>/) is printed in every receipt's QR code: a public
contract, never to be renamed."""

from django.urls import path

from payments import views_daybook, views_pay, views_public, views_staff, views_statements

app_name = "payments"

urlpatterns = [
    path(
        "can-bo/ho-so/<id:pk>/thanh-toan/lap/",
        views_staff.obligations_create,
        name="obligations_create",
    ),
    path("can-bo/ho-so/<id:pk>/thanh-toan/them/", views_staff.obligation_new, name="add"),
    path(
        "can-bo/ho-so/<id:pk>/thanh-toan/giay-bao/", views_staff.payment_slip, name="payment_slip"
    ),
    path("can-bo/khoan-nop/<id:pk>/thu/", views_staff.payment_take, name="take"),
    path(
        "can-bo/khoan-nop/<id:pk>/<str:change>/",
        views_staff.obligation_change,
        name="change",
    ),
    path("can-bo/bien-lai/<id:pk>/", views_staff.receipt_page, name="receipt"),
    path("can-bo/bien-lai/<id:pk>/huy/", views_staff.receipt_cancel_view, name="receipt_cancel"),
    path("can-bo/thanh-toan/sao-ke/", views_statements.statement_page, name="statement"),
    path("can-bo/thanh-toan/doi-chieu/", views_daybook.daybook_page, name="daybook"),
    # The citizen's pay page (linked from the lookup result and "Hồ sơ của tôi"), an
    # attempt's result, the demo gateway, and VNPay's return and IPN (registered with VNPay).
    path("thanh-toan/ho-so/", views_pay.pay, name="pay"),
    path("thanh-toan/ket-qua/<str:reference>/", views_pay.result, name="result"),
    path("thanh-toan/demo/<str:reference>/", views_pay.demo_gateway, name="demo_gateway"),
    path("thanh-toan/vnpay/tra-ve/", views_pay.vnpay_return, name="vnpay_return"),
    path("thanh-toan/vnpay/ipn/", views_pay.vnpay_ipn, name="vnpay_ipn"),
    # The national payment platform's confirmation (registered with the portal's operator).
    path("thanh-toan/dvcqg/xac-nhan/", views_pay.dvcqg_confirm, name="dvcqg_confirm"),
    path("bien-lai/<str:token>/", views_public.receipt_verify, name="receipt_verify"),
]

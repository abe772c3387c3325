from django.urls import path

from dossiers import views_messages

urlpatterns = [
    path("can-bo/tin-nhan/", views_messages.message_texts, name="message-texts"),
    path("can-bo/tin-nhan/gui-loi/", views_messages.failed_messages, name="failed-messages"),
    path(
        "can-bo/tin-nhan/gui-loi/<id:pk>/gui-lai/",
        views_messages.message_resend,
        name="message-resend",
    ),
]

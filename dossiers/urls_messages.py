from django.urls import path

from dossiers import views_messages

urlpatterns = [
    path("can-bo/tin-nhan/", views_messages.message_texts, name="message-texts"),
]

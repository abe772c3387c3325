from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "channel",
        "status",
        "attempts",
        "provider",
        "agency_code",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["channel", "status", "provider"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

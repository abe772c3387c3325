"""System administration of the disclosure register: hamlets and their data officers."""

from django.contrib import admin

from disclosure.models import Hamlet


@admin.register(Hamlet)
class HamletAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    list_filter = ("agency",)
    search_fields = ("name",)
    filter_horizontal = ("data_officers",)

from django.contrib import admin

from inspection.models import Checklist, ChecklistItem


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    """The team configures its checklists here; inspections copy the items when they start."""

    list_display = ["name", "is_active"]
    inlines = [ChecklistItemInline]

from django.contrib import admin

from postal.models import PostageRate


@admin.register(PostageRate)
class PostageRateAdmin(admin.ModelAdmin):
    """A centre's postage price list (postal.services_delivery.postage_quote reads it)."""

    list_display = ["agency", "up_to_grams", "same_province", "other_province"]
    list_filter = ["agency"]

from django.contrib import admin

from payments.models import CollectionAccount, ReceiptSeries


@admin.register(CollectionAccount)
class CollectionAccountAdmin(admin.ModelAdmin):
    list_display = ["agency", "bank_name", "account_number", "account_name"]


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "symbol", "last_number"]
    # The number only moves forward through payments; the symbol may be set before the first.
    readonly_fields = ["last_number"]

from django.contrib import admin
from django.db import models

from payments.models import CollectionAccount, GatewayAccount, ReceiptSeries


@admin.register(CollectionAccount)
class CollectionAccountAdmin(admin.ModelAdmin):
    list_display = ["agency", "bank_name", "account_number", "account_name"]


@admin.register(ReceiptSeries)
class ReceiptSeriesAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "symbol", "last_number"]
    # The number only moves forward through payments; the symbol may be set before the first.
    readonly_fields = ["last_number"]


@admin.register(GatewayAccount)
class GatewayAccountAdmin(admin.ModelAdmin):
    """Merchant accounts per agency; the secret stays in the server's environment, under the
    variable the row names."""

    list_display = ["agency", "gateway", "merchant_code", "secret_variable", "active"]
    list_filter = ["gateway", "active"]
    # A gateway's address typed without its scheme is an https one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

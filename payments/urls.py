"""The payments app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "payments"

urlpatterns = []

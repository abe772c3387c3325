"""The postal app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "postal"

urlpatterns = []

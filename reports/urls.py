"""The reports app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "reports"

urlpatterns = []

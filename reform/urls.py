"""The reform app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "reform"

urlpatterns = []

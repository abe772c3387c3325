"""The digitised app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "digitised"

urlpatterns = []

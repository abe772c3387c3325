"""The disclosure app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "disclosure"

urlpatterns = []

"""The api app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "api"

urlpatterns = []

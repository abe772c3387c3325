"""The online app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "online"

urlpatterns = []

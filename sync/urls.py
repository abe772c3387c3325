"""The sync app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "sync"

urlpatterns = []

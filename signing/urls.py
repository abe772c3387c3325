"""The signing app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "signing"

urlpatterns = []

"""The accounts app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "accounts"

urlpatterns = []

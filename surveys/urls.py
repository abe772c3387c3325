"""The surveys app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "surveys"

urlpatterns = []

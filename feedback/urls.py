"""The feedback app's pages (Vietnamese paths without diacritics, as elsewhere)."""

app_name = "feedback"

urlpatterns = []

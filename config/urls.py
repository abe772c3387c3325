from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, register_converter

from core.converters import CodeConverter, IdConverter
from org.access import is_system_admin

register_converter(IdConverter, "id")
register_converter(CodeConverter, "code")

# Django admin is for system administrators only (with a verified TOTP device, see
# org.middleware); agency administrators work in the staff pages.
admin.site.has_permission = lambda request: is_system_admin(request.user) and request.user.is_staff
admin.site.site_header = "MotCua"
# One login page for everyone, with its lockout and audit; the admin's own is bypassed.
admin.site.login = login_required(admin.site.login)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("org.urls")),
    path("", include("catalog.urls")),
    path("", include("dossiers.urls")),
    path("", include("counter.urls")),
    path("", include("portal.urls")),
    path("", include("accounts.urls")),
    path("", include("online.urls")),
    path("", include("payments.urls")),
    path("", include("feedback.urls")),
    path("", include("surveys.urls")),
    path("", include("postal.urls")),
    path("", include("disclosure.urls")),
    path("", include("reform.urls")),
    path("", include("inspection.urls")),
    path("", include("sync.urls")),
    path("", include("api.urls")),
    path("", include("digitised.urls")),
    path("", include("signing.urls")),
    path("", include("reports.urls")),
    path("quan-tri/", admin.site.urls),
]

# The project's error pages; under /api/ the same errors as JSON (api.errors).
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"

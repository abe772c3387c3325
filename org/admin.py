from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import AuditedModelAdmin
from org.models import AdministrativeUnit, Agency, StaffRole, User


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "name",
        "level",
        "division_type",
        "parent",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["level", "division_type"]
    search_fields = ["code", "name", "codename"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["predecessors"]


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "name",
        "kind",
        "unit",
        "opens_at",
        "closes_at",
        "same_day_cutoff",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["unit", "parent"]

    def agency_code_of(self, obj) -> str:
        return obj.code


@admin.register(StaffRole)
class StaffRoleAdmin(AuditedModelAdmin):
    list_display = ["user", "agency", "role", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__code", "agency__name"]
    raw_id_fields = ["user", "agency"]

    def agency_code_of(self, obj) -> str:
        return obj.agency.code


@admin.register(User)
class UserAdmin(AuditedModelAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Position"), {"fields": ("full_name", "position")}),)
    list_display = ["username", "full_name", "position", "is_active", "is_superuser"]


# django-otp's admin leaves its section titles and the QR link in English; the rest of its
# names are given in Vietnamese by core.admin_vietnamese.
_TOTP_SECTIONS = {
    "Identity": _("Identity"),
    "Configuration": _("Configuration"),
    "State": _("State"),
    "Throttling": _("Wrong codes"),
    "Timestamps": _("Times"),
}


class VietnameseTOTPDeviceAdmin(TOTPDeviceAdmin):
    def get_fieldsets(self, request, obj=None):
        return [
            (_TOTP_SECTIONS.get(name, name), options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        return super().qrcode_link(device)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, VietnameseTOTPDeviceAdmin)

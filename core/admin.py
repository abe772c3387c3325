"""Django admin for system administrators; every change made here leaves an audit row (R16)."""

from django.contrib import admin
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy, ngettext

from core.audit import audit_record
from core.events import delivery_retry
from core.models import (
    AuditCheckpoint,
    AuditEvent,
    CalendarOverride,
    DeliveryStatus,
    DomainEvent,
    EventDelivery,
)
from core.network import client_ip


def _snapshot(obj, exclude) -> dict:
    values = {}
    for name, value in model_to_dict(obj).items():
        if name in exclude:
            continue
        if isinstance(value, list):  # many-to-many: keep the ids
            value = sorted(getattr(item, "pk", item) for item in value)
        values[name] = value
    return values


class AuditedModelAdmin(admin.ModelAdmin):
    """Records create, change and delete with the old and new values of the edited fields."""

    # Never copy secrets into the audit log.
    audit_exclude: tuple[str, ...] = ("password",)

    def save_model(self, request, obj, form, change):
        before = _snapshot(type(obj).objects.get(pk=obj.pk), self.audit_exclude) if change else {}
        super().save_model(request, obj, form, change)
        after = _snapshot(obj, self.audit_exclude)
        changed = [name for name in after if before.get(name) != after[name]]
        audit_record(
            action="admin_change" if change else "admin_create",
            actor=request.user,
            obj=obj,
            agency_code=self.agency_code_of(obj),
            old={name: before.get(name) for name in changed} if change else {},
            new={name: after[name] for name in changed},
            ip=client_ip(request),
        )

    def delete_model(self, request, obj):
        audit_record(
            action="admin_delete",
            actor=request.user,
            obj=obj,
            agency_code=self.agency_code_of(obj),
            old=_snapshot(obj, self.audit_exclude),
            ip=client_ip(request),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def agency_code_of(self, obj) -> str:
        return ""


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedModelAdmin):
    list_display = ["date", "is_working_day", "reason", "source_document"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    search_fields = ["reason", "source_document"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["id", "at", "actor_label", "agency_code", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_label", "agency_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    """The daily checkpoints of the audit chains (decision 0009), for inspectors to compare."""

    list_display = ["taken_at", "chain", "seq", "hash"]
    list_filter = ["taken_at"]
    search_fields = ["chain", "hash"]


@admin.register(DomainEvent)
class DomainEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "at", "kind", "subject_type", "subject_id", "agency_code", "actor_kind"]
    list_filter = ["kind", "actor_kind"]
    search_fields = ["subject_id", "agency_code", "actor_label"]


@admin.register(EventDelivery)
class EventDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["id", "event", "subscriber", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "subscriber"]
    list_select_related = ["event"]
    actions = ["retry"]

    @admin.action(description=gettext_lazy("Retry the selected failed deliveries"))
    def retry(self, request, queryset):
        ids = list(queryset.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
        retried = delivery_retry(delivery_ids=ids)
        audit_record(
            action="event_delivery_retry",
            actor=request.user,
            object_type=EventDelivery._meta.label_lower,
            new={"deliveries": ids},
            ip=client_ip(request),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be retried.",
                "%(count)d deliveries will be retried.",
                retried,
            )
            % {"count": retried},
        )

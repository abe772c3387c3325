from .audit import AuditChainHead, AuditEvent
from .calendar import CalendarOverride
from .events import DeliveryStatus, DomainEvent, EventDelivery

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "CalendarOverride",
    "DeliveryStatus",
    "DomainEvent",
    "EventDelivery",
]

from .audit import AuditChainHead, AuditCheckpoint, AuditEvent
from .calendar import CalendarOverride
from .events import DeliveryStatus, DomainEvent, EventDelivery

__all__ = [
    "AuditChainHead",
    "AuditCheckpoint",
    "AuditEvent",
    "CalendarOverride",
    "DeliveryStatus",
    "DomainEvent",
    "EventDelivery",
]

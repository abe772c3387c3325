from .audit import AuditChainHead, AuditEvent
from .calendar import CalendarOverride

__all__ = ["AuditChainHead", "AuditEvent", "CalendarOverride"]

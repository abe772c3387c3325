from catalog.fees import FeeUnit

from .eform import EFormField, FieldType, PrefillSource
from .procedure import (
    Channel,
    ChannelTerm,
    Fee,
    FeeMoment,
    ImplementingLevel,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredDocument,
    Step,
    TermUnit,
    VersionStatus,
)

__all__ = [
    "Channel",
    "ChannelTerm",
    "EFormField",
    "Fee",
    "FeeMoment",
    "FeeUnit",
    "FieldType",
    "ImplementingLevel",
    "OnlineLevel",
    "PrefillSource",
    "Procedure",
    "ProcedureField",
    "ProcedureVersion",
    "RequiredDocument",
    "Step",
    "TermUnit",
    "VersionStatus",
]

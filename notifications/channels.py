"""The kinds of channel a message leaves by, declared in the core plugin registry: `sms`
(chosen by SMS_PROVIDER), `zalo` (ZALO_PROVIDER) and `email` (EMAIL_PROVIDER), each per agency
where one differs.

A channel sends one message and returns; it raises `DeliveryError` (or any exception) when the
provider refused it or did not answer in time. It is called outside every transaction, so it
may take its time, up to its own timeout: delivery retries what fails (notifications.delivery).
"""

from core.plugins import Plugin, registry


class DeliveryError(Exception):
    """The provider did not take the message. The text is stored with the message and shown to
    staff, so it names the failure ("HTTP 503", "refused: 12") and never the recipient."""


class SmsChannel(Plugin):
    def send(self, *, to: str, text: str, reference: str) -> str:
        """Hand one SMS to the provider; return its id for the message, if it gives one.
        `reference` is the same on every attempt of one message, for providers that drop
        repeats."""
        raise NotImplementedError


class EmailChannel(Plugin):
    def send(self, *, to: str, subject: str, text: str, reference: str) -> str:
        raise NotImplementedError


registry.declare_kind("sms", base=SmsChannel, demo="console", setting="SMS_PROVIDER")
registry.declare_kind("email", base=EmailChannel, demo="django", setting="EMAIL_PROVIDER")
# Zalo messages go to the phone number too, through the agency's Official Account (ZNS).
registry.declare_kind("zalo", base=SmsChannel, demo="console", setting="ZALO_PROVIDER")

"""What the applicant is told, and when: default texts, the agency's own wording, sending."""

import string

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.text import strip_marks
from dossiers import events
from dossiers.models import Dossier, Event, MessageTemplate, NotifyBy
from notifications import selectors as notification_selectors
from notifications.models import Channel, Notification, Status
from notifications.services import notification_send
from org.access import agency_ids_with_role
from org.models import Agency, Role

# The dossier events the applicant hears of, and the message each one sends.
MESSAGE_OF_KIND = {
    events.RECEIVED: Event.RECEIVED,
    events.SUPPLEMENT_REQUESTED: Event.SUPPLEMENT,
    events.APOLOGY_ISSUED: Event.APOLOGY,
    events.RESULT_READY: Event.RESULT_READY,
}
# Who sees the messages that could not be sent, and sends them again: the counter that
# received the dossier, its leaders and the agency's administrators.
MESSAGE_KEEPERS = (Role.RECEIVING_OFFICER, Role.LEADER, Role.AGENCY_ADMIN)

# Written in Vietnamese on purpose: they are sent to citizens, whatever the officer's UI language.
DEFAULTS = {
    Event.RECEIVED: (
        "{agency} da tiep nhan ho so {code} ({procedure}). Hen tra ket qua: {due}. "
        "Tra cuu: /tra-cuu/?ma={code}&kt={check}"
    ),
    Event.SUPPLEMENT: ("Ho so {code} can bo sung: {reason}. Vui long lien he {agency}."),
    Event.APOLOGY: (
        "{agency} xin loi vi ho so {code} cham tre ({reason}). Ngay hen moi: {new_date}."
    ),
    Event.RESULT_READY: "Ho so {code} da co ket qua. Moi ong/ba den {agency} nhan ket qua.",
}
# SMS texts are unaccented so they fit one 160-character GSM message on every phone; e-mails
# keep the diacritics.
EMAIL_DEFAULTS = {
    Event.RECEIVED: (
        "{agency} đã tiếp nhận hồ sơ {code} ({procedure}). Hẹn trả kết quả: {due}. "
        "Tra cứu với mã hồ sơ {code} và mã kiểm tra {check}."
    ),
    Event.SUPPLEMENT: "Hồ sơ {code} cần bổ sung: {reason}. Vui lòng liên hệ {agency}.",
    Event.APOLOGY: (
        "{agency} xin lỗi vì hồ sơ {code} chậm trễ ({reason}). "
        "Ngày hẹn trả kết quả mới: {new_date}."
    ),
    Event.RESULT_READY: "Hồ sơ {code} đã có kết quả. Mời ông/bà đến {agency} nhận kết quả.",
}
# {check} is the receipt's lookup check value: with the code, it opens the whole lookup page.
PLACEHOLDERS = ("code", "check", "procedure", "due", "new_date", "reason", "agency")


TEXT_MAX_LENGTH = 1000


class _Lenient(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(text: str, values: dict) -> str:
    """Fill {placeholders}; unknown ones and stray braces stay as typed instead of failing."""
    try:
        return string.Formatter().vformat(text, (), _Lenient(values))
    except (ValueError, IndexError, KeyError):
        return text


def message_channel_problem(channel: str, *, phone: str, email: str) -> str:
    """Why the chosen way of hearing cannot work with the contacts given, or "" when it can."""
    if channel in (NotifyBy.SMS, NotifyBy.ZALO) and not phone:
        return _("Enter a phone number to receive messages by SMS or Zalo.")
    if channel == NotifyBy.EMAIL and not email:
        return _("Enter an e-mail address to receive messages by e-mail.")
    return ""


def routes(channel: str, *, phone: str, email: str) -> list[tuple[str, str]]:
    """(notification channel, address) for each message to send, as the applicant chose."""
    chosen = {
        NotifyBy.EVERY: [(Channel.SMS, phone), (Channel.EMAIL, email)],
        NotifyBy.SMS: [(Channel.SMS, phone)],
        NotifyBy.ZALO: [(Channel.ZALO, phone)],
        NotifyBy.EMAIL: [(Channel.EMAIL, email)],
        NotifyBy.NONE: [],
    }.get(channel, [(Channel.SMS, phone), (Channel.EMAIL, email)])
    return [(route, address) for route, address in chosen if address]


def notify_applicant(
    *,
    event: str,
    agency,
    values: dict,
    phone: str = "",
    email: str = "",
    channel: str = NotifyBy.EVERY,
    dossier=None,
    domain_event=None,
) -> list[Notification]:
    """Tell the applicant about `event` the way they chose (`channel`, dossiers.models.
    NotifyBy; by default every contact they gave): an SMS or a Zalo message to their
    phone, an e-mail to their address, each by the provider the agency uses (core.plugins), in
    the agency's wording. No placeholder gives an ID number: messages never carry one (R17).

    Call it inside the transaction of the action it reports: the messages are recorded with it
    and delivered by the task worker only if it commits. Each message names the dossier and the
    domain event it reports; for an event already told, nothing is recorded again."""
    if domain_event is not None:
        told = set(
            Notification.objects.filter(event=domain_event).values_list("channel", flat=True)
        )
    else:
        told = set()
    custom = {
        template.channel: template.text
        for template in MessageTemplate.objects.filter(agency=agency, event=event)
    }
    common = {"agency_code": agency.code, "about": dossier, "event": domain_event}
    sent = []
    for route, address in routes(channel, phone=phone, email=email):
        if route in told:
            continue
        if route == Channel.SMS:
            text = strip_marks(fill(custom.get(Channel.SMS) or DEFAULTS[event], values))
            sent.append(notification_send(channel=route, to=address, body=text, **common))
        else:
            # Zalo and e-mail show diacritics; Zalo uses the agency's e-mail wording.
            wording = custom.get(Channel.EMAIL) or EMAIL_DEFAULTS[event]
            text = fill(wording, values)
            subject = f"Hồ sơ {values.get('code', '')}" if route == Channel.EMAIL else ""
            sent.append(
                notification_send(channel=route, to=address, subject=subject, body=text, **common)
            )
    return sent


# --- Reading the messages sent ------------------------------------------------------------


STATUS_TONE = {Status.SENT: "ok", Status.FAILED: "danger"}  # queued, sending: "info"


def _with_labels(messages: list[Notification]) -> list[Notification]:
    for message in messages:
        message.tone = STATUS_TONE.get(message.status, "info")
        kind = message.event.kind if message.event_id else ""
        message.about_label = MESSAGE_OF_KIND[kind].label if kind in MESSAGE_OF_KIND else ""
    return messages


def dossier_messages(dossier: Dossier) -> list[Notification]:
    """What the applicant of `dossier` was sent, oldest first: for the dossier's page, whose
    reader may already see the dossier."""
    return _with_labels(
        notification_selectors.messages_about(object_type="dossiers.dossier", object_id=dossier.pk)
    )


def failed_messages_for(user):
    """The messages given up on for the agencies where `user` keeps messages, and the agencies
    below them (org.access)."""
    agencies = Agency.objects.filter(id__in=agency_ids_with_role(user, MESSAGE_KEEPERS))
    return notification_selectors.failed_messages(agency_codes=agencies.values("code"))


def with_dossiers(messages: list[Notification]) -> list[Notification]:
    """Attach `.dossier` (code and id only) to each message about a dossier: one query."""
    ids = {m.object_id for m in messages if m.object_type == "dossiers.dossier"}
    found = Dossier.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).only("id", "code")
    by_id = {str(dossier.pk): dossier for dossier in found}
    for message in messages:
        message.dossier = by_id.get(message.object_id)
    return _with_labels(messages)


# --- The agency's own wording ----------------------------------------------------------------


def message_texts_save(*, agency: Agency, texts: dict[tuple[str, str], str], actor) -> list[str]:
    """Store `agency`'s wording for each (event, channel) of `texts`; an empty text goes back to
    the default. All or nothing, with one audit row naming what changed; returns those names
    ("received-sms")."""
    with transaction.atomic():
        stored = {
            (template.event, template.channel): template
            for template in MessageTemplate.objects.select_for_update().filter(agency=agency)
        }
        changed = []
        for (event, channel), raw in texts.items():
            text = raw.replace("\x00", "").strip()[:TEXT_MAX_LENGTH]
            current = stored.get((event, channel))
            if not text and current is not None:
                current.delete()
            elif text and (current is None or current.text != text):
                MessageTemplate.objects.update_or_create(
                    agency=agency, event=event, channel=channel, defaults={"text": text}
                )
            else:
                continue
            changed.append(f"{event}-{channel}")
        if changed:
            audit_record(
                action="message_texts_change",
                actor=actor,
                agency_code=agency.code,
                object_type="dossiers.messagetemplate",
                object_repr=agency.name,
                new={"changed": changed},
            )
    return changed

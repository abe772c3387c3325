"""Envelopes that bring dossiers by post: logged on arrival, then registered as a dossier of
channel 3 (received now: the full and valid receipt at the agency, not the posting date), or
sent back to the sender with the reason."""

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Channel
from core.audit import audit_record
from dossiers.models import Dossier, DossierFile
from dossiers.services import Reception, dossier_receive
from org.access import holds_role_over
from org.models import Agency, Role
from postal.errors import PostalError
from postal.lifecycle import ItemState, item_move
from postal.models import InboundItem, ReceiptSentBy
from postal.services_delivery import AddressChoice, delivery_request

# Who opens the mail: the post-office clerk at the counter, or a receiving officer.
MAIL_ROLES = frozenset({Role.POSTAL_CLERK, Role.RECEIVING_OFFICER})


def _may_work_at(user, agency: Agency) -> None:
    if not holds_role_over(user, MAIL_ROLES, {agency.pk}):
        raise PostalError(
            _("Your role does not let you receive mail at %(agency)s.") % {"agency": agency.name}
        )


def item_arrival_record(
    *,
    agency: Agency,
    item_number: str,
    sender_name: str,
    sender_address: str = "",
    sender_phone: str = "",
    posted_on=None,
    user,
) -> InboundItem:
    """Log an envelope that arrived: it waits on the clerk's list until registered."""
    _may_work_at(user, agency)
    try:
        with transaction.atomic():
            item = InboundItem.objects.create(
                agency=agency,
                item_number=item_number,
                sender_name=sender_name,
                sender_address=sender_address,
                sender_phone=sender_phone,
                posted_on=posted_on,
                arrived_at=timezone.now(),
                recorded_by=user,
            )
            audit_record(
                action="postal_item_arrived",
                actor=user,
                agency_code=agency.code,
                obj=item,
                new={"item_number": item_number},
            )
    except IntegrityError:
        raise PostalError(
            _("The item %(number)s is already logged at this centre.") % {"number": item_number}
        ) from None
    return item


def _locked_item(item_id: int) -> InboundItem:
    rows = InboundItem.objects.select_related("agency", "dossier")
    item = rows.select_for_update(of=("self",)).filter(pk=item_id).first()
    if item is None:
        raise PostalError(_("This postal item does not exist."))
    return item


def item_register(
    *,
    item_id: int,
    reception: Reception,
    receipt_sent_by: str,
    address: AddressChoice | None,
    user,
) -> Dossier:
    """Receive the envelope's dossier through the one reception service (channel 3, the
    postal clerk or a receiving officer), link it to the envelope and, when the applicant asked
    for the result by post, record the delivery address and postage. All or nothing."""
    if reception.channel != Channel.POSTAL:
        raise PostalError(_("A dossier that came by post is received on the postal channel."))
    written: list[str] = []
    try:
        with transaction.atomic():
            item = _locked_item(item_id)
            if item.state == ItemState.REGISTERED:  # the same form posted twice
                return item.dossier
            if item_move(item.state, "register") is None:
                raise PostalError(_("This item was sent back: it cannot be registered."))
            _may_work_at(user, item.agency)
            dossier = dossier_receive(reception=reception, actor=user)
            written = list(
                DossierFile.objects.filter(document__dossier=dossier).values_list("file", flat=True)
            )
            if address is not None:
                delivery_request(dossier=dossier, address=address, user=user)
            item.state = ItemState.REGISTERED
            item.dossier = dossier
            item.receipt_sent_by = receipt_sent_by
            item.save(update_fields=["state", "dossier", "receipt_sent_by"])
            audit_record(
                action="postal_item_registered",
                actor=user,
                agency_code=item.agency.code,
                obj=item,
                old={"state": ItemState.ARRIVED},
                new={"state": item.state, "dossier": dossier.code},
            )
    except BaseException:
        # The reception stored its files inside our transaction: gone with it (R4).
        for name in written:
            default_storage.delete(name)
        raise
    return dossier


def item_send_back(*, item_id: int, reason: str, user) -> InboundItem:
    """Return an envelope that cannot be received, with the reason written for the sender."""
    if not reason.strip():
        raise PostalError(_("Write why the item goes back: the sender reads it."))
    with transaction.atomic():
        item = _locked_item(item_id)
        _may_work_at(user, item.agency)
        if item_move(item.state, "send_back") is None:
            raise PostalError(_("Only an item not yet registered can be sent back."))
        item.state = ItemState.SENT_BACK
        item.sent_back_reason = reason.strip()
        item.save(update_fields=["state", "sent_back_reason"])
        audit_record(
            action="postal_item_sent_back",
            actor=user,
            agency_code=item.agency.code,
            obj=item,
            old={"state": ItemState.ARRIVED},
            new={"state": item.state},
        )
    return item


def owes_sender_by_post(item: InboundItem) -> bool:
    """Whether something goes back to the sender by post: the receipt of a registered envelope
    (when the sender chose the post for it), or a sent-back envelope."""
    if item.state == ItemState.SENT_BACK:
        return True
    return item.state == ItemState.REGISTERED and item.receipt_sent_by == ReceiptSentBy.POST


def item_posted_back(*, item_id: int, user) -> InboundItem:
    """The receipt, or the sent-back envelope, is handed to the post for the sender. Twice is
    once (a double click)."""
    with transaction.atomic():
        item = _locked_item(item_id)
        _may_work_at(user, item.agency)
        if not owes_sender_by_post(item):
            raise PostalError(_("Nothing goes back to this sender by post."))
        if item.posted_back_at is None:
            item.posted_back_at = timezone.now()
            item.save(update_fields=["posted_back_at"])
            audit_record(
                action="postal_item_posted_back",
                actor=user,
                agency_code=item.agency.code,
                obj=item,
                new={"state": item.state, "posted_back": True},
            )
    return item

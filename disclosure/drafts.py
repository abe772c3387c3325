"""Writes and reads for drafts for public comment: atomic, audited, scoped (R5).

Publishers of the register (specialists, leaders, agency administrators) write their agencies'
drafts; counter officers and inspectors read them; a hamlet's data officer does not. A comment
from the public is held until an official shows it; ID and phone numbers are refused in
everything that could be shown, so no public page carries one.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from core.audit import audit_record
from disclosure.access import PUBLISHERS
from disclosure.models import CommentStatus, Decision, Draft, DraftComment
from disclosure.tables import personal_numbers_in
from org.access import agency_and_above, agency_ids_with_role, is_system_admin
from org.models import Role

DRAFT_READERS = (*PUBLISHERS, Role.RECEIVING_OFFICER, Role.INSPECTOR)


def _audit(action: str, draft: Draft, actor, **new) -> None:
    audit_record(action=action, actor=actor, agency_code=draft.agency.code, obj=draft, new=new)


def _no_personal_numbers(**fields: str) -> None:
    for name, text in fields.items():
        if personal_numbers_in(text):
            raise ValidationError(
                {name: _("No ID card or phone numbers here: this text is shown to the public.")}
            )


def _bump(draft: Draft, version: int) -> None:
    if not Draft.objects.filter(pk=draft.pk, version=version).update(version=F("version") + 1):
        raise ValidationError(
            _("Someone changed this draft in the meantime. Reload the page and try again.")
        )
    draft.version = version + 1


# Reads


def public_drafts(*, day: date) -> QuerySet[Draft]:
    """Drafts published for comment whose period has started (open, closed, or summarised)."""
    return (
        Draft.objects.filter(published_on__isnull=False, opens_on__lte=day)
        .select_related("agency")
        .annotate(shown=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)))
        .order_by("-opens_on", "-id")
    )


def public_draft(pk: int, *, day: date) -> Draft:
    draft = public_drafts(day=day).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def shown_comments(draft: Draft) -> QuerySet[DraftComment]:
    return draft.comments.filter(status=CommentStatus.APPROVED).order_by("created_at", "id")


def readable_agency_ids(user) -> frozenset[int]:
    """A counter officer of the commune centre reads the drafts of the committee above it, as
    with the register (disclosure.access); drafts are public once published anyway."""
    return agency_and_above(agency_ids_with_role(user, DRAFT_READERS))


def writable_agency_ids(user) -> frozenset[int]:
    return agency_ids_with_role(user, PUBLISHERS)


def staff_drafts(user) -> QuerySet[Draft]:
    rows = Draft.objects.select_related("agency").annotate(
        held=Count("comments", filter=Q(comments__status=CommentStatus.HELD)),
        total=Count("comments"),
    )
    if not is_system_admin(user):
        rows = rows.filter(agency__in=readable_agency_ids(user))
    return rows.order_by("-opens_on", "-id")


def staff_draft(user, pk: int) -> Draft:
    draft = staff_drafts(user).filter(pk=pk).first()
    if draft is None:  # another commune's draft is not found, not forbidden (R5)
        raise Http404
    return draft


def can_write(user, draft: Draft) -> bool:
    return is_system_admin(user) or draft.agency_id in writable_agency_ids(user)


# Writes


@transaction.atomic
def draft_create(
    *, actor, agency, title: str, summary: str, body: str, opens_on: date, closes_on: date
) -> Draft:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The comment period ends before it starts.")})
    _no_personal_numbers(title=title, summary=summary, body=body)
    draft = Draft.objects.create(
        agency=agency,
        title=title,
        summary=summary,
        body=body,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _audit("draft.create", draft, actor, title=title)
    return draft


@transaction.atomic
def draft_update(
    *,
    actor,
    draft: Draft,
    version: int,
    title: str,
    summary: str,
    body: str,
    opens_on: date,
    closes_on: date,
) -> Draft:
    """Correct a draft before its summary is published; the text residents commented on must
    not change under their comments, so a published draft keeps its text and only its period
    may move (e.g. extended)."""
    if draft.summary_published_on is not None:
        raise ValidationError(_("The summary is published: the draft can no longer change."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The comment period ends before it starts.")})
    if draft.published_on is not None and (
        title != draft.title or summary != draft.summary or body != draft.body
    ):
        raise ValidationError(
            _("The draft is published for comment: only its comment period can change.")
        )
    _no_personal_numbers(title=title, summary=summary, body=body)
    _bump(draft, version)
    old = {"opens_on": draft.opens_on.isoformat(), "closes_on": draft.closes_on.isoformat()}
    draft.title, draft.summary, draft.body = title, summary, body
    draft.opens_on, draft.closes_on = opens_on, closes_on
    draft.save(update_fields=["title", "summary", "body", "opens_on", "closes_on"])
    audit_record(
        action="draft.update",
        actor=actor,
        agency_code=draft.agency.code,
        obj=draft,
        old=old,
        new={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
    )
    return draft


@transaction.atomic
def draft_publish(*, actor, draft: Draft, day: date, version: int) -> Draft:
    if draft.published_on is not None:
        raise ValidationError(_("This draft is already published for comment."))
    if draft.closes_on < day:
        raise ValidationError(_("The comment period is over: change its dates first."))
    _bump(draft, version)
    draft.published_on = day
    draft.save(update_fields=["published_on"])
    _audit("draft.publish", draft, actor, published_on=day.isoformat())
    return draft


@transaction.atomic
def comment_submit(
    *, draft: Draft, day: date, body: str, author_name: str = "", contact: str = "", section=""
) -> DraftComment:
    """A comment from the public: held until an official shows it."""
    if not draft.is_open(day):
        raise ValidationError(_("Comments on this draft are closed."))
    _no_personal_numbers(body=body, author_name=author_name, section=section)
    comment = DraftComment.objects.create(
        draft=draft, body=body, author_name=author_name, contact=contact, section=section
    )
    # No personal data in the audit row: the comment's number is enough to find it.
    _audit("draft.comment", draft, None, comment=comment.pk)
    return comment


@transaction.atomic
def comment_moderate(*, actor, comment: DraftComment, show: bool, note: str = "") -> DraftComment:
    comment = DraftComment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != CommentStatus.HELD:
        raise ValidationError(_("This comment was already moderated."))
    if not show and not note.strip():
        raise ValidationError({"note": _("Say why the comment is not shown.")})
    comment.status = CommentStatus.APPROVED if show else CommentStatus.REJECTED
    comment.moderation_note = "" if show else note
    comment.moderated_by = actor
    comment.save(update_fields=["status", "moderation_note", "moderated_by"])
    _audit("draft.moderate", comment.draft, actor, comment=comment.pk, status=comment.status)
    return comment


@transaction.atomic
def comment_answer(
    *, actor, comment: DraftComment, reply: str, decision: str, explanation: str
) -> DraftComment:
    if comment.status != CommentStatus.APPROVED:
        raise ValidationError(_("Show the comment before answering it."))
    if comment.draft.summary_published_on is not None:
        raise ValidationError(_("The summary is published: answers can no longer change."))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Say whether the comment is accepted.")})
    if decision in (Decision.NOT_ACCEPTED, Decision.PARTLY) and not explanation.strip():
        raise ValidationError({"explanation": _("Explain why it is not (fully) accepted.")})
    _no_personal_numbers(reply=reply, explanation=explanation)
    comment.reply, comment.decision, comment.explanation = reply, decision, explanation
    comment.replied_by = actor
    comment.save(update_fields=["reply", "decision", "explanation", "replied_by"])
    _audit("draft.answer", comment.draft, actor, comment=comment.pk, decision=decision)
    return comment


@transaction.atomic
def summary_publish(*, actor, draft: Draft, intro: str, day: date, version: int) -> Draft:
    """Publish the bảng tổng hợp tiếp thu, giải trình: only after the period, with every shown
    comment answered and none left waiting for moderation."""
    if draft.published_on is None or day <= draft.closes_on:
        raise ValidationError(_("The summary is published after the comment period ends."))
    if draft.summary_published_on is not None:
        raise ValidationError(_("The summary is already published."))
    comments = draft.comments.all()
    if comments.filter(status=CommentStatus.HELD).exists():
        raise ValidationError(_("Some comments still wait for moderation."))
    if comments.filter(status=CommentStatus.APPROVED, decision="").exists():
        raise ValidationError(_("Answer every comment before publishing the summary."))
    _no_personal_numbers(intro=intro)
    _bump(draft, version)
    draft.summary_intro, draft.summary_published_on = intro, day
    draft.save(update_fields=["summary_intro", "summary_published_on"])
    _audit("draft.summary", draft, actor, published_on=day.isoformat())
    return draft

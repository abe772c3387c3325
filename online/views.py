"""The citizen's online submission: start from a procedure's public page, fill the draft
(saved at every post), submit once. Works as plain form posts, without JavaScript."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.session import citizen_required
from catalog.eform import build_form_class, focus_first_error, with_applicant_prefill
from core.converters import id_from
from core.holds import result_held
from core.selectors import working_calendar
from dossiers.fees import applicable_fees
from dossiers.models import ReturnMethod
from dossiers.selectors import deadline_of
from dossiers.wording import TITLES
from dossiers.workflow import UNFINISHED, State
from online import reuse, selectors
from online.forms import DRAFT_FIELDS, SubmissionForm
from online.models import ActingFor
from online.services import Submission, draft_open, draft_save, draft_submit
from online.wording import next_step
from payments.selectors_status import citizen_fees, fee_status_by_dossier
from payments.services_obligations import obligations_ensure
from payments.states import ObligationState
from postal.errors import PostalError
from postal.forms import AddressForm

SAVE, SUBMIT = "save", "submit"
CONSENT, REUSE = "consent", "reuse"
MAX_FILES_PER_SLOT = 10


@require_GET
@citizen_required
def start(request, pk: int):
    """ "Nộp trực tuyến" on a procedure's page: the citizen's draft for it, new or resumed
    (a link, so it also works as the return address after signing in)."""
    version = selectors.submittable_version(pk)
    # ?ho-tro=CODE: the help code of a volunteer at the counter (a QR code on their screen).
    draft = draft_open(
        account=request.citizen, version=version, guide_code=request.GET.get("ho-tro", "")[:20]
    )
    return redirect("online:draft", key=draft.key)


def _posted_values(request, fields) -> dict:
    """What the citizen typed, as typed, for the draft."""
    keys = [*DRAFT_FIELDS, *(f"ef-{item.key}" for item in fields)]
    return {key: request.POST.get(key, "")[:2000] for key in keys if key in request.POST}


def _address_form(draft, data) -> AddressForm:
    """Where the post brings the result: the same form, and the same checks against the
    administrative units since 01/07/2025, as at the counter and the post clerk's desk."""
    if data is not None:
        return AddressForm(data, prefix="addr")
    values = draft.values
    initial = {key[5:]: value for key, value in values.items() if key.startswith("addr-")}
    initial.setdefault("recipient_name", values.get("full_name", ""))
    initial.setdefault("phone", values.get("phone", ""))
    return AddressForm(initial=initial, prefix="addr")


def _forms(draft, data, agencies, fields):
    """Bound to the draft's values when submitting; otherwise showing them as initial values,
    so a draft page does not greet the citizen with errors for what they have not typed yet."""
    version = draft.version
    methods = selectors.return_methods(version)
    eform_class = build_form_class(fields)
    if data is not None:
        form = SubmissionForm(data, agencies=agencies, return_methods=methods)
        return form, eform_class(with_applicant_prefill(data, fields), prefix="ef")
    values = draft.values
    form = SubmissionForm(
        initial={key: values[key] for key in DRAFT_FIELDS if key in values},
        agencies=agencies,
        return_methods=methods,
    )
    initial = {key[3:]: value for key, value in values.items() if key.startswith("ef-")}
    return form, eform_class(initial=initial, prefix="ef")


@require_http_methods(["GET", "POST"])
@citizen_required
def draft(request, key):
    account = request.citizen
    draft = selectors.draft_of(account=account, key=key)
    if draft.submitted:
        return redirect("online:dossier", pk=draft.dossier_id)
    version = draft.version
    fields = list(version.form_fields.all())
    documents = list(version.documents.all())
    agencies = selectors.receiving_choices(version)
    refusals, missing, status = {}, [], 200
    action = request.POST.get("action", SAVE)
    if request.method == "POST":
        uploads = {
            document.pk: request.FILES.getlist(f"file_{document.pk}")[:MAX_FILES_PER_SLOT]
            for document in documents
        }
        removed = [pk for pk in map(id_from, request.POST.getlist("remove")) if pk]
        refusals = draft_save(
            draft=draft,
            values=_posted_values(request, fields),
            uploads=uploads,
            removed=removed,
        )
        draft.refresh_from_db()
        if action in (CONSENT, REUSE) and not refusals:
            return _reuse(request, draft, account, fields, action)
        if action != SUBMIT and not refusals:
            messages.success(request, _("Your draft is saved. You can come back to it later."))
            return redirect("online:draft", key=draft.key)
    data = draft.values if request.method == "POST" and action == SUBMIT else None
    form, eform = _forms(draft, data, agencies, fields)
    by_post = (data or {}).get("return_method") == ReturnMethod.POST
    # Checked only when the result goes by post: the citizen who collects it is not asked.
    address = _address_form(draft, data if by_post else None)
    files = list(draft.files.all())
    if request.method == "POST" and action == SUBMIT and not refusals:
        present = {item.document_id for item in files}
        missing = [d for d in documents if d.is_mandatory and d.pk not in present]
        valid = form.is_valid()
        address_valid = address.is_valid() if by_post else True
        if eform.is_valid() and valid and address_valid and not missing:
            try:
                dossier = _submit(draft, form, eform, account, address if by_post else None)
            except PostalError as error:
                form.add_error("return_method", str(error))
            else:
                if dossier is not None:
                    # Its fees become amounts to pay now (the reception's event does the same;
                    # made here too so the page that follows can offer to pay them at once).
                    due = obligations_ensure(dossier=dossier)
                    if any(o.state == ObligationState.DUE for o in due):
                        messages.success(
                            request,
                            _("Your dossier is submitted. You can pay its fee online now, below."),
                        )
                    return redirect("online:dossier", pk=dossier.pk)
                form.add_error(
                    "receiving_agency",
                    _("This one-stop shop cannot receive this procedure: choose another."),
                )
        if form.errors:
            focus_first_error(form)
        elif eform.errors:
            eform.focus_first_error()
    address_errors = by_post and bool(address.errors)
    if refusals or missing or form.errors or eform.errors or address_errors:
        status = 400
    slots = [
        {
            "document": document,
            "files": [item for item in files if item.document_id == document.pk],
            "errors": refusals.get(document.pk, []),
            "missing": document in missing,
        }
        for document in documents
    ]
    context = {
        "draft": draft,
        "version": version,
        "form": form,
        "eform": eform,
        "address": address,
        "slots": slots,
        "fees": applicable_fees(version, "2"),
        "has_errors": status == 400,
        "guide": selectors.guide_of(draft),
        "reuse": {
            "verified": account.verified,
            "consented": reuse.reuse_consented(account),
            "values": reuse.values_offered(account, fields),
        },
    }
    return render(request, "online/draft.html", context, status=status)


def _reuse(request, draft, account, fields, action):
    """The citizen consents to the reuse of what the state holds, or fills the draft with it."""
    if not account.verified:
        return redirect("online:draft", key=draft.key)
    if action == CONSENT:
        reuse.reuse_consent_give(account=account)
    filled = reuse.draft_reuse(draft=draft, account=account, eform_fields=fields)
    if filled:
        messages.success(
            request,
            _("%(count)s items were filled in from what the state already holds. Check them.")
            % {"count": filled},
        )
    else:
        messages.info(request, _("Nothing more to fill in: the form already has these items."))
    return redirect("online:draft", key=draft.key)


def _submit(draft, form, eform, account, address):
    data = form.cleaned_data
    receiving = form.agencies.get(data["receiving_agency"])
    competent = selectors.competent_agency_for(draft.version, receiving) if receiving else None
    if competent is None:
        return None
    own = data["acting_for"] == ActingFor.SELF and account.verified
    citizen = account.citizen if own and data["id_number"] == account.id_number else None
    submission = Submission(
        applicant=form.applicant(citizen=citizen),
        receiving_agency=receiving,
        competent_agency=competent,
        return_method=data["return_method"],
        form_data=json.loads(json.dumps(eform.cleaned_data, cls=DjangoJSONEncoder)),
        address=address.choice() if address is not None else None,
    )
    return draft_submit(draft=draft, submission=submission)


@citizen_required
def my_dossiers(request):
    """ "Hồ sơ của tôi": every dossier of the citizen, newest first, and the drafts."""
    now = timezone.now()
    calendar = working_calendar()
    page = Paginator(selectors.citizen_dossiers(request.citizen).order_by("-id"), 20).get_page(
        request.GET.get("trang")
    )
    fees = fee_status_by_dossier(item.pk for item in page)  # one query for the page
    for item in page:
        item.state_label = State(item.state).label
        item.deadline = deadline_of(item, now=now, calendar=calendar)
        item.fee_status = fees.get(item.pk)
    drafts = selectors.drafts_of(request.citizen)
    return render(request, "online/my_dossiers.html", {"page": page, "drafts": drafts})


@citizen_required
def dossier(request, pk: int):
    """One of the citizen's dossiers (404 for anyone else's)."""
    found = selectors.citizen_dossier(request.citizen, pk)
    now = timezone.now()
    found.state_label = State(found.state).label
    found.deadline = deadline_of(found, now=now, calendar=working_calendar())
    context = {
        "dossier": found,
        "next_step": next_step(found),
        "letters": [
            (number, f"Mẫu {number}: {TITLES[number]}") for number in selectors.letters_of(found)
        ],
        "can_withdraw": found.state in UNFINISHED,
        "result": selectors.electronic_result(found),
        "fees_total": sum(fee.amount for fee in found.fees.all()),
        "payment": citizen_fees(found),
        "result_held": result_held(found) if found.state == State.RESULT_READY else "",
    }
    return render(request, "online/dossier.html", context)

"""The guidance screens, the only staff pages a volunteer sees: the guidance slip given when
documents are missing, and guided online submission ("Hướng dẫn nộp hồ sơ trực tuyến")."""

import json

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from catalog.eform import build_form_class, focus_first_error, with_applicant_prefill
from core.converters import id_from
from core.documents import SIGN_NOTE, Signer, render_pdf
from core.network import client_ip
from core.wording import long_date, place_name
from counter import selectors_guidance as selectors
from counter.forms_guidance import GuidanceSlipForm, GuidedSessionForm
from counter.services_guidance import (
    OnlineSubmission,
    guidance_slip_create,
    guided_session_record,
)
from counter.services_portal_guidance import guided_portal_session_start
from dossiers.selectors import competent_agencies, receivable_version, receivable_versions
from dossiers.services import ApplicantData
from org.access import staff_required

SLIP_TITLE = "Phiếu hướng dẫn hoàn thiện hồ sơ"


def _agencies(request):
    agencies = selectors.guide_agencies_for(request.user)
    if not agencies.exists():
        raise PermissionDenied
    return agencies


def _agencies_on_duty(request):
    """The centres where the user guides citizens today, or None when they are not on duty
    anywhere (a volunteer off the roster): the caller sends them back to the guidance home,
    which says so and when their next shift is."""
    _agencies(request)
    agencies = selectors.guide_agencies_on_duty(request.user, day=timezone.localdate())
    return agencies if agencies.exists() else None


def _version_or_pick(request, template: str, nav: str):
    """Step 1 lists the procedures (?thu_tuc= picks one); returns (version, None) or (None,
    the response of step 1)."""
    version_id = request.POST.get("thu_tuc") or request.GET.get("thu_tuc", "")
    if version_id:
        version_pk = id_from(version_id)
        if version_pk is None:
            raise Http404
        return receivable_version(request.user, pk=version_pk), None
    query = request.GET.get("q", "")[:200].replace("\x00", "")
    versions = receivable_versions(request.user, query=query).select_related("procedure", "field")
    context = {"nav": nav, "versions": versions[:50], "query": query, "step_template": template}
    return None, render(request, template, context)


@staff_required(*selectors.GUIDES)
@require_GET
def guidance(request):
    """The guidance home: what to do, and the slips and sessions recorded today."""
    agencies = _agencies(request)
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    on_duty = selectors.guide_agencies_on_duty(request.user, day=today.date())
    return render(
        request,
        "counter/guidance_home.html",
        {
            "nav": "guidance",
            "agencies": agencies,
            "on_duty": list(on_duty),
            "next_shifts": selectors.next_shifts_of(request.user, day=today.date()),
            "slips": selectors.slips_for(request.user).filter(created_at__gte=today)[:30],
            "sessions": selectors.sessions_for(request.user).filter(created_at__gte=today)[:30],
        },
    )


@staff_required(*selectors.GUIDES)
@require_http_methods(["GET", "POST"])
def slip_new(request):
    agencies = _agencies_on_duty(request)
    if agencies is None:
        return redirect("counter:guidance")
    version, step_one = _version_or_pick(request, "counter/guidance_pick.html", "guidance-slip")
    if step_one:
        return step_one
    form = GuidanceSlipForm(
        request.POST if request.method == "POST" else None,
        agencies=agencies,
        version=version,
        initial={"agency": agencies.first()},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            slip = guidance_slip_create(
                actor=request.user,
                agency=data["agency"],
                version=version,
                missing_documents=data["missing"],
                other_items=data["other_items"],
                citizen_name=data["citizen_name"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("The guidance slip is recorded. Print it for the citizen."))
            return redirect("counter:slip", pk=slip.pk)
    if form.is_bound:
        focus_first_error(form)
    return render(
        request,
        "counter/slip_new.html",
        {"nav": "guidance-slip", "form": form, "version": version},
    )


def _slip_context(slip) -> dict:
    agency = slip.agency
    officer = slip.officer.full_name or str(slip.officer)
    return {
        "slip": slip,
        "title": SLIP_TITLE,
        "document_title": f"{SLIP_TITLE} – {slip.pk}",
        "parent_name": agency.parent.name if agency.parent_id else "",
        "agency_name": agency.name,
        "issuer": agency,
        "reference": f"Số: {slip.pk}/PHD",
        "place_date": f"{place_name(agency)}, {long_date(slip.created_at)}",
        "procedure": slip.procedure_version.name,
        "officer": officer,
        "signers": [Signer(title="NGƯỜI HƯỚNG DẪN", note=SIGN_NOTE, name=officer)],
        "form_template": "counter/slip_sheet.html",
    }


@staff_required(*selectors.GUIDES)
@require_GET
def slip(request, pk: int):
    """The slip as a printable A4 page, or (?pdf=1) a PDF download."""
    slip = selectors.slip_get_for(request.user, pk=pk)
    context = _slip_context(slip)
    if request.GET.get("pdf"):
        html = render_to_string("dossiers/forms/pdf.html", context, request=request)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="phieu-huong-dan-{slip.pk}.pdf"'
        return response
    return render(request, "counter/slip_page.html", context | {"nav": "guidance-slip"})


@staff_required(*selectors.GUIDES)
@require_http_methods(["GET", "POST"])
def guided_new(request):
    """Record a guided session: with a help code for the citizen to submit on the portal
    themself (their phone or the kiosk), or with the submission typed here with them, sent
    through the online channel of the reception service."""
    agencies = _agencies_on_duty(request)
    if agencies is None:
        return redirect("counter:guidance")
    version, step_one = _version_or_pick(request, "counter/guidance_pick.html", "guided")
    if step_one:
        return step_one
    posted = request.method == "POST"
    # "The citizen submits on the portal": only the session is recorded here, nothing submitted.
    portal = posted and "portal" in request.POST
    data = request.POST.copy() if posted else None
    if portal:
        data.pop("submitted", None)
    form = GuidedSessionForm(data, agencies=agencies, initial={"agency": agencies.first()})
    fields = list(version.form_fields.all())
    # The e-form is the citizen's online declaration: checked only when it is submitted now.
    submitting = posted and not portal and request.POST.get("submitted") == "on"
    data = with_applicant_prefill(request.POST, fields) if submitting else None
    eform = build_form_class(fields)(data, prefix="ef")
    if portal:
        # The citizen submits on the portal themself: only the session's own fields count.
        if form.is_valid():
            try:
                session = guided_portal_session_start(
                    actor=request.user,
                    agency=form.cleaned_data["agency"],
                    version=version,
                    hard_step=form.cleaned_data["hard_step"],
                    note=form.cleaned_data["note"],
                    ip=client_ip(request),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return redirect("counter:guided-code", pk=session.pk)
        focus_first_error(form)
    elif posted:
        valid = form.is_valid()
        if valid and (not submitting or eform.is_valid()):
            try:
                session = _record(
                    request, form.cleaned_data, version, eform if submitting else None
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if session.dossier:
                    text = _("Session recorded; dossier %(code)s was submitted online.") % {
                        "code": session.dossier.code
                    }
                else:
                    text = _("Session recorded without a dossier.")
                messages.success(request, text)
                return redirect("counter:guidance")
        if form.errors:
            focus_first_error(form)
        elif eform.errors:
            eform.focus_first_error()
    return render(
        request,
        "counter/guided_new.html",
        {"nav": "guided", "form": form, "eform": eform, "version": version},
    )


@staff_required(*selectors.GUIDES)
@require_GET
def guided_code(request, pk: int):
    """The help code of a portal session, large, with its QR code for the citizen's phone."""
    session = selectors.portal_session_for(request.user, pk=pk)
    link = request.build_absolute_uri(
        reverse("online:start", args=[session.procedure_version.procedure_id])
        + f"?ho-tro={session.portal_code}"
    )
    # Vector, no inline style: passes the CSP; shown with |safe as the feedback receipt's is.
    qr = segno.make(link, error="m").svg_inline(
        scale=6, border=2, omitsize=True, title=_("QR code to open the submission on the phone")
    )
    return render(
        request,
        "counter/guided_code.html",
        {"nav": "guided", "session": session, "link": link, "qr_svg": qr},
    )


def _record(request, data: dict, version, eform):
    submission = None
    if eform is not None:
        competents = competent_agencies(request.user, version)
        form_data = json.loads(json.dumps(eform.cleaned_data, cls=DjangoJSONEncoder))
        submission = OnlineSubmission(
            applicant=ApplicantData(
                full_name=data["full_name"],
                id_number=data["id_number"] or "",
                phone=data["phone"],
                email=data["email"],
            ),
            form_data=form_data,
            competent_agency=competents[0] if competents else None,
        )
    return guided_session_record(
        actor=request.user,
        agency=data["agency"],
        version=version,
        hard_step=data["hard_step"],
        note=data["note"],
        submission=submission,
        ip=client_ip(request),
    )

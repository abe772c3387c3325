"""The public feedback pages: send feedback without an account, follow it with its code, read the
published answers. None of them shows who sent what (R6): only the code's holder sees the
answer to their own item, and published answers show a name only with consent."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from catalog.models import Procedure, ProcedureField
from core import ratelimit
from core.actors import Actor
from core.paging import uncounted_page
from core.text import fold
from core.views import too_many_requests
from feedback import rules, selectors
from feedback.forms import PublicFeedbackForm
from feedback.models import Channel
from feedback.services import FeedbackError, Submission, feedback_register
from feedback.wording import citizen_sentence, state_tone

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
def send(request):
    if request.method == "GET":
        return render(request, "feedback/public_send.html", {"form": PublicFeedbackForm()})
    client = ratelimit.client_key(request)
    window = settings.FEEDBACK_RATE_WINDOW
    allowed, retry_after = ratelimit.hit(
        key=f"feedback-ip:{client}", limit=settings.FEEDBACK_IP_LIMIT, window_seconds=window
    )
    if not allowed:
        return too_many_requests(request, retry_after=retry_after)
    form = PublicFeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "feedback/public_send.html", {"form": form}, status=400)
    data = form.cleaned_data
    # Per contact too: one phone number or address cannot flood an agency from many networks.
    for contact in filter(None, (data["sender_phone"], fold(data["sender_email"]))):
        allowed, retry_after = ratelimit.hit(
            key=f"feedback-contact:{contact}",
            limit=settings.FEEDBACK_CONTACT_LIMIT,
            window_seconds=window,
        )
        if not allowed:
            return too_many_requests(request, retry_after=retry_after)
    try:
        item = feedback_register(
            submission=Submission(
                agency=data["agency"],
                channel=Channel.WEB,
                kind=data["kind"],
                sender_name=data["sender_name"],
                subject=data["subject"],
                content=data["content"],
                sender_phone=data["sender_phone"],
                sender_email=data["sender_email"],
                sender_address=data["sender_address"],
                publish_identity=data["publish_identity"],
                procedure_version=data["procedure_version"],
                dossier=data["dossier_code"],
            ),
            actor=Actor.applicant(),
        )
    except FeedbackError as error:
        form.add_error(None, str(error))
        return render(request, "feedback/public_send.html", {"form": form}, status=400)
    return redirect(f"{reverse('feedback:follow')}?ma={item.code}&moi=1")


@require_GET
def follow(request):
    raw = request.GET.get("ma")
    context = {"code": "", "item": None, "not_found": False, "max_length": rules.MAX_CODE_LENGTH}
    if raw is not None:
        allowed, retry_after = ratelimit.hit(
            key=f"feedback-lookup:{ratelimit.client_key(request)}",
            limit=settings.LOOKUP_RATE_LIMIT,
            window_seconds=settings.LOOKUP_RATE_WINDOW,
        )
        if not allowed:
            return too_many_requests(request, retry_after=retry_after)
        code = rules.normalise_code(raw)
        item = selectors.item_for_lookup(code)
        context.update(
            code=code,
            item=item,
            not_found=item is None,
            just_sent=request.GET.get("moi") == "1",
            sentence=citizen_sentence(item) if item else "",
            tone=state_tone(item.state) if item else "",
        )
    response = render(request, "feedback/public_follow.html", context)
    add_never_cache_headers(response)  # the answer is for the code's holder, not a shared cache
    return response


@require_GET
def answers(request):
    query = request.GET.get("q", "")[:100]
    field_id = _int(request.GET.get("linh_vuc"))
    procedure_id = _int(request.GET.get("thu_tuc"))
    rows = selectors.published_answers(query=query, field_id=field_id, procedure_id=procedure_id)
    page = uncounted_page(rows, number=request.GET.get("trang"), per_page=PER_PAGE)
    return render(
        request,
        "feedback/public_answers.html",
        {
            "page": page,
            "query": query,
            "field_id": field_id,
            "procedure_id": procedure_id,
            "fields": ProcedureField.objects.order_by("name"),
            "procedures": Procedure.objects.filter(
                pk__in=selectors.published_answers()
                .exclude(procedure_version=None)
                .values("procedure_version__procedure")
            ).order_by("national_code"),
            "searched": bool(query or field_id or procedure_id),
            "query_string": urlencode(
                {
                    key: value
                    for key, value in (
                        ("q", query),
                        ("linh_vuc", field_id),
                        ("thu_tuc", procedure_id),
                    )
                    if value
                }
            ),
        },
    )


@require_GET
def answer_detail(request, pk: int):
    item = selectors.published_answer(pk)
    return render(request, "feedback/public_answer.html", {"item": item, "title": _("Answer")})


def _int(raw) -> int | None:
    try:
        return int(raw) if raw else None
    except (TypeError, ValueError):
        return None

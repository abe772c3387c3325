"""The reception's webcam: finds the ID card's QR code in one still picture sent by
workspace.js, for browsers without a QR reader of their own. Answers JSON; the text found is
then read like a scanner's (views_reception.reception_card), so this view knows no card rules.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citizens.camera import MAX_FRAME_BYTES, FrameError, qr_text_in
from core.files import CAMERA_FRAME, check_upload
from org.access import staff_required
from org.models import Role


@require_POST
@staff_required(Role.RECEIVING_OFFICER)
def reception_camera(request):
    try:
        # Django has parsed the upload (the CSRF check reads the form), spooling a large one to
        # a temporary file it deletes after the request; it is refused here before decoding.
        frame = request.FILES.get("frame")
        if frame is not None and frame.size > MAX_FRAME_BYTES:
            raise FrameError(_("The camera's picture is too large."))
        if frame is not None:
            _check_frame(frame)
        text = qr_text_in(frame.read() if frame is not None else b"")
    except FrameError as error:
        return JsonResponse({"text": "", "error": str(error)}, status=400)
    return JsonResponse({"text": text})


def _check_frame(frame) -> None:
    """The same upload check as every file (core.files), on the content alone: a picture the
    camera sends, nothing else, before any decoder sees it."""
    try:
        check_upload(frame, kinds=CAMERA_FRAME, max_bytes=MAX_FRAME_BYTES, content_only=True)
    except ValidationError:
        raise FrameError(_("The camera's picture could not be read. Try again.")) from None

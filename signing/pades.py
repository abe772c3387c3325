"""Signing a PDF with PAdES (pyHanko): a new signature field on the last page, bottom right,
whose appearance is the visible block of Decree 30/2020 (signer, agency, time) printed with the
project's own fonts; a timestamp from the TSA when one is configured (PAdES B-T, else B-B).
Any pyHanko signer works: a PKCS#12 file, a PKCS#11 token (signing.providers)."""

import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.content import ImportedPdfPage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
from pyhanko.stamp.static import StaticStampStyle

from core.documents import render_pdf
from dossiers.signatures import SignatureRequest, SignedPdf, SigningFailed
from signing.loop import off_loop

MM = 72 / 25.4
# The block: 80 × 20 mm, 15 mm from the right edge and 8 mm from the bottom, inside the right
# margin of Decree 30 and below the last line of a full A4 page.
BLOCK_WIDTH, BLOCK_HEIGHT = 80, 20
BLOCK_RIGHT, BLOCK_BOTTOM = 15, 8


class _ImportedBytesPage(ImportedPdfPage):
    """pyHanko's imported page, read from bytes in memory rather than a file on disk."""

    def __init__(self, content: bytes):
        super().__init__(file_name="", page_ix=0)
        self.content = content

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(BytesIO(self.content)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


@dataclass(frozen=True)
class BlockText:
    signer: str
    agency: str
    signed_at: datetime
    demo: bool


def signed_at_text(moment: datetime) -> str:
    """Decree 30/2020, appendix I: day.month.year hour:minute:second and the zone, ISO 8601."""
    local = timezone.localtime(moment)
    offset = local.strftime("%z")
    return f"{local:%d.%m.%Y %H:%M:%S} {offset[:3]}:{offset[3:]}"


def block_pdf(text: BlockText) -> bytes:
    """The visible block as a one-page PDF of its own size, imported as the field's look."""
    html = render_to_string(
        "signing/block.html",
        {
            "text": text,
            "signed_at": signed_at_text(text.signed_at),
            "width": BLOCK_WIDTH,
            "height": BLOCK_HEIGHT,
        },
    )
    return render_pdf(html)


def _box(writer: IncrementalPdfFileWriter, page_index: int) -> tuple[int, int, int, int]:
    page = writer.find_page_for_modification(page_index)[0].get_object()
    # The media box may sit on the page or be inherited from the page tree; A4 otherwise.
    media_box = page.get("/MediaBox") or writer.root["/Pages"].get("/MediaBox")
    x1, y1, x2, _y2 = (float(v) for v in media_box) if media_box else (0, 0, 595, 842)
    right = x2 - BLOCK_RIGHT * MM
    bottom = y1 + BLOCK_BOTTOM * MM
    return (
        round(right - BLOCK_WIDTH * MM),
        round(bottom),
        round(right),
        round(bottom + BLOCK_HEIGHT * MM),
    )


def timestamper() -> HTTPTimeStamper | None:
    url = settings.SIGNING_TSA_URL
    return HTTPTimeStamper(url, timeout=settings.SIGNING_TSA_TIMEOUT) if url else None


def pdf_sign_with(
    signer: signers.Signer,
    pdf: bytes,
    *,
    request: SignatureRequest,
    provider: str,
    demo: bool,
) -> SignedPdf:
    """Add one PAdES signature to `pdf`, keeping what was signed before (incremental update).
    Raises SigningFailed with a message for the leader."""
    signing_cert = signer.signing_cert
    signer_name = signing_cert.subject.native.get("common_name", "") if signing_cert else ""
    now = timezone.now()
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as error:
        raise SigningFailed(_("The file is not a readable PDF: it cannot be signed.")) from error
    if writer.prev.encrypted:
        raise SigningFailed(_("The PDF is encrypted: it cannot be signed."))
    last_page = int(writer.root["/Pages"]["/Count"]) - 1
    field_name = f"MotCua-{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
    block = block_pdf(
        BlockText(signer=signer_name, agency=request.agency_name, signed_at=now, demo=demo)
    )
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=request.reason,
            location=request.location or None,
            name=signer_name or None,
        ),
        signer=signer,
        timestamper=timestamper(),
        stamp_style=StaticStampStyle(background=_ImportedBytesPage(block), border_width=0),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field_name, on_page=last_page, box=_box(writer, last_page)
        ),
    )
    output = BytesIO()
    try:
        off_loop(pdf_signer.sign_pdf, writer, output=output)
    except SigningFailed:
        raise
    except Exception as error:
        # pyHanko's messages name key labels and URLs: the leader gets ours, the log the type.
        raise SigningFailed(
            _(
                "The document could not be signed (%(error)s). Check the signing token, its "
                "PIN and the timestamp server, then try again."
            )
            % {"error": type(error).__name__}
        ) from error
    serial = format(signing_cert.serial_number, "X") if signing_cert else ""
    return SignedPdf(
        content=output.getvalue(),
        signer=signer_name,
        certificate_serial=serial,
        signed_at=now,
        timestamped=bool(settings.SIGNING_TSA_URL),
        provider=provider,
        demo=demo,
    )

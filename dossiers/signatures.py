"""Signing a PDF the agency issues (the result, the letters Mẫu 01–05): the plugin kind
`signing` the dossiers declare and the `signing` app implements (PKCS#12 file, PKCS#11 token,
the demo CA). The dossiers call it through the registry, so they never import the app that
holds the keys (pyproject's import contract; docs/decisions/0019-signatures-and-digitised.md).
"""

from dataclasses import dataclass
from datetime import datetime

from core.plugins import Plugin, registry


class SigningFailed(Exception):
    """The document could not be signed: the token is missing, the PIN is wrong, the
    certificate has expired, the TSA did not answer. The text is shown to the leader, in
    Vietnamese, and names no secret."""


@dataclass(frozen=True)
class SignatureRequest:
    """What the visible signature block shows beside the certificate's own name."""

    agency_name: str
    reason: str  # e.g. "Phê duyệt kết quả hồ sơ 000.00.01.H01-260307-0001"
    location: str = ""  # the place, as on the document ("Xã Tân Phú")
    approver: str = ""  # the staff member who asked for the signature


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    signer: str  # the certificate holder's name (CN)
    certificate_serial: str  # hexadecimal
    signed_at: datetime
    timestamped: bool
    provider: str  # "signing.pkcs12"
    demo: bool  # signed with the demo CA: no legal value


class DocumentSigner(Plugin):
    """Signs PDFs for one agency (Plugin.agency) with PAdES, adding a visible block."""

    def sign_pdf(self, pdf: bytes, *, request: SignatureRequest) -> SignedPdf:
        raise NotImplementedError


registry.declare_kind("signing", base=DocumentSigner, demo="demo", setting="SIGNING_PROVIDER")


def pdf_sign(*, pdf: bytes, agency_code: str, request: SignatureRequest) -> SignedPdf:
    """Sign with the provider the settings choose for the agency."""
    signer = registry.get("signing", agency=agency_code)
    return signer.sign_pdf(pdf, request=request)

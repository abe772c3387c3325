"""Validating the signatures in a PDF someone sent us (a citizen's signed copy, another agency's
result): integrity of the signed bytes, changes made after signing, the certificate's chain to
the configured trust roots at the signing time, and revocation when the CRL or OCSP responder
can be reached. One finding per signature, with one outcome a person can act on."""

from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from signing.demo import demo_ca_certificate
from signing.loop import off_loop


class Outcome:
    """From the best to the worst; a document's outcome is its worst signature's."""

    VALID = "valid"  # intact, unchanged since, trusted chain, not revoked
    UNTRUSTED = "untrusted"  # intact, but the chain leads to no configured root
    EXPIRED = "expired"  # the certificate was not valid when the document was signed
    REVOKED = "revoked"
    MODIFIED = "modified"  # the signed part is intact, but changes were added after signing
    BROKEN = "broken"  # the signed bytes were altered, or the signature does not match them
    NONE = "none"  # no signature at all
    UNREADABLE = "unreadable"  # not a PDF we can read


WORST_FIRST = [
    Outcome.UNREADABLE,
    Outcome.BROKEN,
    Outcome.MODIFIED,
    Outcome.REVOKED,
    Outcome.EXPIRED,
    Outcome.UNTRUSTED,
    Outcome.NONE,
    Outcome.VALID,
]
_EXPIRY = {"EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"}
_REVOCATION = {"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"}


@dataclass(frozen=True)
class Finding:
    field: str
    signer: str
    issuer: str
    signed_at: str  # ISO 8601, as the signer's software reported it (or the timestamp)
    timestamped: bool
    outcome: str
    detail: str  # pyHanko's sub-indication, for the expert ("NO_CERTIFICATE_CHAIN_FOUND")

    def as_dict(self) -> dict:
        return asdict(self)


def trust_roots() -> list[asn1_x509.Certificate]:
    """The configured roots (PEM files), and the demo CA while the demo signer is allowed."""
    roots = []
    for path in settings.SIGNING_TRUST_ROOTS:
        for block in Path(path).read_bytes().split(b"-----END CERTIFICATE-----")[:-1]:
            pem = block + b"-----END CERTIFICATE-----\n"
            roots.append(_asn1(pem))
    if settings.SIGNING_DEMO_ALLOWED and (demo := demo_ca_certificate()) is not None:
        roots.append(_asn1(demo.public_bytes(serialization.Encoding.PEM)))
    return roots


def _asn1(pem: bytes) -> asn1_x509.Certificate:
    from asn1crypto import pem as asn1_pem

    _kind, _headers, der = asn1_pem.unarmor(pem.strip())
    return asn1_x509.Certificate.load(der)


def outcome_of(status) -> tuple[str, str]:
    """The outcome of one pyHanko status (pure: tested with real statuses)."""
    indication = status.trust_problem_indic.name if status.trust_problem_indic else ""
    if not (status.intact and status.valid):
        return Outcome.BROKEN, indication or "SIG_CRYPTO_FAILURE"
    if status.revoked or indication in _REVOCATION:
        return Outcome.REVOKED, indication or "REVOKED"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not status.docmdp_ok:
        return Outcome.MODIFIED, str(
            status.modification_level.name if status.modification_level else ""
        )
    if indication in _EXPIRY:
        return Outcome.EXPIRED, indication
    if not status.trusted:
        return Outcome.UNTRUSTED, indication or "NO_CERTIFICATE_CHAIN_FOUND"
    return Outcome.VALID, ""


def pdf_signatures_validate(
    pdf: bytes, *, roots: list[asn1_x509.Certificate] | None = None
) -> list[Finding] | None:
    """One finding per embedded signature; None when the file is not a readable PDF."""
    roots = trust_roots() if roots is None else roots
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return None
    findings = []
    for signature in embedded:
        context = ValidationContext(
            trust_roots=roots,
            allow_fetching=settings.SIGNING_FETCH_REVOCATION,
            # Revocation where reachable: a CRL or OCSP answer is used when one can be had,
            # and its absence is not held against a commune on a closed network.
            revocation_mode="soft-fail",
        )
        try:
            status = off_loop(validate_pdf_signature, signature, context)
        except Exception as error:
            findings.append(
                Finding(
                    field=signature.field_name or "",
                    signer="",
                    issuer="",
                    signed_at="",
                    timestamped=False,
                    outcome=Outcome.BROKEN,
                    detail=type(error).__name__,
                )
            )
            continue
        outcome, detail = outcome_of(status)
        certificate = status.signing_cert
        moment = (
            status.timestamp_validity.timestamp
            if status.timestamp_validity is not None
            else status.signer_reported_dt
        )
        findings.append(
            Finding(
                field=signature.field_name or "",
                signer=certificate.subject.native.get("common_name", ""),
                issuer=certificate.issuer.native.get("common_name", ""),
                signed_at=moment.isoformat() if moment else "",
                timestamped=status.timestamp_validity is not None,
                outcome=outcome,
                detail=detail,
            )
        )
    return findings


def overall(findings: list[Finding] | None) -> str:
    if findings is None:
        return Outcome.UNREADABLE
    if not findings:
        return Outcome.NONE
    outcomes = {finding.outcome for finding in findings}
    return next(outcome for outcome in WORST_FIRST if outcome in outcomes)

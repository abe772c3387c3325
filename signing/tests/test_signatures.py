"""PAdES signatures made and checked: a result signed with a PKCS#12 file validates against
the configured root; a tampered file, a change added after signing, an expired certificate and
a root nobody configured are each reported as such; a TSA configured makes it PAdES B-T."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from asn1crypto import keys, tsp
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from dossiers.signatures import SignatureRequest, SigningFailed, pdf_sign
from signing.pades import pdf_sign_with
from signing.pki import pkcs12_bytes, signer_issue
from signing.tests.conftest import PASSPHRASE, asn1
from signing.validation import Outcome, overall, pdf_signatures_validate

REQUEST = SignatureRequest(agency_name="Ủy ban nhân dân Xã An", reason="Phê duyệt kết quả")


@pytest.fixture
def pkcs12_settings(settings, leader_p12, trusted_root):
    settings.SIGNING_PROVIDER = "pkcs12"
    settings.SIGNING_PKCS12_PATH = str(leader_p12)
    settings.SIGNING_PKCS12_PASSPHRASE = PASSPHRASE.decode()
    return settings


def _signer_of(issued, root) -> signers.SimpleSigner:
    bundle = pkcs12_bytes(issued=issued, chain=[root.certificate], passphrase=PASSPHRASE)
    return signers.SimpleSigner.load_pkcs12_data(bundle, other_certs=(), passphrase=PASSPHRASE)


def test_a_result_signed_with_the_leaders_pkcs12_file_is_valid(pkcs12_settings, sample_pdf):
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert signed.signer == "Nguyễn Văn Lãnh Đạo"
    assert signed.provider == "signing.pkcs12" and not signed.demo
    assert signed.content.startswith(sample_pdf)  # what was there before is kept as it was
    findings = pdf_signatures_validate(signed.content)
    assert [f.outcome for f in findings] == [Outcome.VALID]
    assert findings[0].signer == "Nguyễn Văn Lãnh Đạo"
    assert findings[0].issuer == "Root CA thử nghiệm"
    assert not findings[0].timestamped


def test_a_tampered_signed_pdf_is_broken(pkcs12_settings, sample_pdf):
    signed = bytearray(pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST).content)
    # One byte of the signed content changed: the digest no longer matches.
    at = signed.index(b"/Type")
    signed[at + 1 : at + 5] = b"Typf"
    assert overall(pdf_signatures_validate(bytes(signed))) == Outcome.BROKEN


def test_content_added_after_signing_is_reported(pkcs12_settings, sample_pdf):
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST).content
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    extra = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 40 Tf 100 400 Td (X) Tj ET")
    )
    page["/Contents"] = generic.ArrayObject([page["/Contents"], extra])
    writer.update_container(page)
    changed = BytesIO()
    writer.write(changed)
    assert overall(pdf_signatures_validate(changed.getvalue())) == Outcome.MODIFIED


def test_a_signature_made_with_an_expired_certificate_is_reported_expired(
    pki, trusted_root, sample_pdf
):
    signer = _signer_of(pki.expired, pki.root)
    signed = pdf_sign_with(signer, sample_pdf, request=REQUEST, provider="test", demo=False)
    findings = pdf_signatures_validate(signed.content)
    assert [f.outcome for f in findings] == [Outcome.EXPIRED]
    assert findings[0].signer == "Trần Hết Hạn"


def test_a_certificate_from_another_root_is_untrusted(pki, trusted_root, sample_pdf):
    stranger = _signer_of(
        signer_issue(
            ca=pki.other,
            common_name="Người lạ",
            organisation="Khác",
            not_before=pki.leader.certificate.not_valid_before_utc,
            not_after=pki.leader.certificate.not_valid_after_utc,
        ),
        pki.other,
    )
    signed = pdf_sign_with(stranger, sample_pdf, request=REQUEST, provider="test", demo=False)
    assert overall(pdf_signatures_validate(signed.content)) == Outcome.UNTRUSTED


def test_the_same_signature_is_untrusted_when_its_root_is_not_configured(
    pkcs12_settings, pki, sample_pdf
):
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST).content
    assert overall(pdf_signatures_validate(signed, roots=[asn1(pki.other.certificate)])) == (
        Outcome.UNTRUSTED
    )


def test_a_pdf_without_signature_and_a_file_that_is_no_pdf(sample_pdf, trusted_root):
    assert overall(pdf_signatures_validate(sample_pdf)) == Outcome.NONE
    assert overall(pdf_signatures_validate(b"MZ\x90\x00 not a pdf")) == Outcome.UNREADABLE


def test_a_wrong_passphrase_or_missing_file_fails_with_a_message(pkcs12_settings, sample_pdf):
    pkcs12_settings.SIGNING_PKCS12_PASSPHRASE = "sai"
    with pytest.raises(SigningFailed):
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    pkcs12_settings.SIGNING_PKCS12_PATH = "/nonexistent/leader.p12"
    with pytest.raises(SigningFailed):
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)


def test_the_demo_signer_is_marked_and_refused_where_the_demo_is_not_allowed(settings, sample_pdf):
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert signed.demo and "DEMO" in signed.signer
    assert overall(pdf_signatures_validate(signed.content)) == Outcome.VALID
    settings.SIGNING_DEMO_ALLOWED = False  # as production sets it
    with pytest.raises(SigningFailed):
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    # And the demo CA is no longer a trust root.
    assert overall(pdf_signatures_validate(signed.content)) == Outcome.UNTRUSTED


# --- Timestamps from a TSA (RFC 3161 over HTTP) -------------------------------------------------


@pytest.fixture
def local_tsa(pki):
    """A timestamp authority on a local port, answering RFC 3161 requests over real HTTP with
    pyHanko's test time stamper and the test TSA certificate."""
    stamper = DummyTimeStamper(
        tsa_cert=asn1(pki.tsa.certificate),
        tsa_key=keys.PrivateKeyInfo.load(
            pki.tsa.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        certs_to_embed=SimpleCertificateStore.from_certs([asn1(pki.root.certificate)]),
    )
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(self.headers["Content-Type"])
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa", requests
    server.shutdown()
    server.server_close()


def test_with_a_tsa_configured_the_signature_carries_its_timestamp(
    pkcs12_settings, local_tsa, sample_pdf
):
    url, requests = local_tsa
    pkcs12_settings.SIGNING_TSA_URL = url
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert signed.timestamped
    # RFC 3161 over HTTP (pyHanko asks once more beforehand, to size the signature).
    assert requests and set(requests) == {"application/timestamp-query"}
    findings = pdf_signatures_validate(signed.content)
    assert [f.outcome for f in findings] == [Outcome.VALID]
    assert findings[0].timestamped


def test_a_tsa_that_does_not_answer_fails_the_signature_with_a_message(pkcs12_settings, sample_pdf):
    pkcs12_settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # the discard port: refused
    pkcs12_settings.SIGNING_TSA_TIMEOUT = 2
    with pytest.raises(SigningFailed) as failure:
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert "127.0.0.1" not in str(failure.value)


def test_signing_and_validating_work_inside_a_running_event_loop(pkcs12_settings, sample_pdf):
    # pyHanko's synchronous calls start an event loop of their own: under an ASGI server (or
    # Playwright's sync API) one is already running in the thread.
    import asyncio

    async def inside():
        signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
        return pdf_signatures_validate(signed.content)

    found = []
    # A thread of its own: the test's thread may already have Playwright's loop running.
    worker = threading.Thread(target=lambda: found.extend(asyncio.run(inside())))
    worker.start()
    worker.join()
    assert [f.outcome for f in found] == [Outcome.VALID]

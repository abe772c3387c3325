"""The implementations of the `signing` plugin kind (declared in dossiers.signatures):

- `demo`: the demo CA's leader certificate, made at set-up; marked DEMO everywhere and refused
  by production settings (signing.checks);
- `pkcs12`: a certificate and key in a PKCS#12 file (SIGNING_PKCS12_PATH, _PASSPHRASE);
- `pkcs11`: a key on a PKCS#11 token: a USB token, a server HSM or SoftHSM2
  (SIGNING_PKCS11_LIB, _TOKEN, _PIN, _KEY_LABEL).
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign import signers

from core.plugins import registry
from dossiers.signatures import DocumentSigner, SignatureRequest, SignedPdf, SigningFailed
from signing import demo
from signing.pades import pdf_sign_with


def _pkcs12_signer(path: Path, passphrase: bytes) -> signers.SimpleSigner:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise SigningFailed(_("The signing certificate file cannot be read.")) from error
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            content, other_certs=(), passphrase=passphrase
        )
    except ValueError:
        signer = None
    if signer is None:
        raise SigningFailed(_("The signing certificate file or its passphrase is wrong."))
    return signer


@registry.register("signing", "demo")
class DemoSigner(DocumentSigner):
    verbose_name = "Demo CA (no legal value)"

    def sign_pdf(self, pdf: bytes, *, request: SignatureRequest) -> SignedPdf:
        if not settings.SIGNING_DEMO_ALLOWED:
            raise SigningFailed(
                _("The demo signing certificate is not allowed here: set SIGNING_PROVIDER.")
            )
        _ca, leader = demo.demo_ca_ensure()
        signer = _pkcs12_signer(leader, demo.PASSPHRASE)
        return pdf_sign_with(signer, pdf, request=request, provider=self.name, demo=True)


@registry.register("signing", "pkcs12")
class Pkcs12Signer(DocumentSigner):
    verbose_name = "PKCS#12 file"

    def sign_pdf(self, pdf: bytes, *, request: SignatureRequest) -> SignedPdf:
        path = settings.SIGNING_PKCS12_PATH
        if not path:
            raise SigningFailed(_("No signing certificate file is configured."))
        signer = _pkcs12_signer(Path(path), settings.SIGNING_PKCS12_PASSPHRASE.encode())
        return pdf_sign_with(signer, pdf, request=request, provider=self.name, demo=False)


@registry.register("signing", "pkcs11")
class Pkcs11Signer(DocumentSigner):
    """A session per signature: a USB token may be pulled out between two approvals, and a
    session kept open would hold the token's login for the process's whole life."""

    verbose_name = "PKCS#11 token"

    def sign_pdf(self, pdf: bytes, *, request: SignatureRequest) -> SignedPdf:
        from pyhanko.sign import pkcs11

        library = settings.SIGNING_PKCS11_LIB
        if not library:
            raise SigningFailed(_("No PKCS#11 library is configured for the signing token."))
        try:
            session = pkcs11.open_pkcs11_session(
                library,
                token_criteria=pkcs11.TokenCriteria(label=settings.SIGNING_PKCS11_TOKEN or None),
                user_pin=settings.SIGNING_PKCS11_PIN,
            )
        except Exception as error:  # PKCS11Error, a missing library (OSError), no token
            raise SigningFailed(
                _(
                    "The signing token cannot be opened (%(error)s): is it plugged in, is the "
                    "PIN right?"
                )
                % {"error": type(error).__name__}
            ) from error
        try:
            signer = pkcs11.PKCS11Signer(session, key_label=settings.SIGNING_PKCS11_KEY_LABEL)
            return pdf_sign_with(signer, pdf, request=request, provider=self.name, demo=False)
        finally:
            session.close()

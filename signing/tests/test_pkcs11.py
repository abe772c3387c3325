"""Signing with a key on a PKCS#11 token, as a USB token or an HSM holds it: SoftHSM2 (Debian's
softhsm2) gets a fresh token, the leader's key and certificate are put on it, and the `pkcs11`
provider signs through the token without the key ever leaving it.

CI installs softhsm2 (.ci/run) and these tests fail there without it; on a developer machine
without the package they are skipped with the command that installs it."""

import os
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from dossiers.signatures import SignatureRequest, SigningFailed, pdf_sign
from signing.validation import Outcome, pdf_signatures_validate

LIBRARIES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
PIN, SO_PIN = "246810", "13579111"
REQUEST = SignatureRequest(agency_name="Ủy ban nhân dân Xã An", reason="Phê duyệt kết quả")


def _softhsm() -> tuple[str, str]:
    util = shutil.which("softhsm2-util")
    library = next((path for path in LIBRARIES if os.path.exists(path)), None)
    if util and library:
        return util, library
    if os.environ.get("CI"):
        pytest.fail("softhsm2 is missing: CI must install it (apt-get install softhsm2).")
    pytest.skip("softhsm2 is not installed here: sudo apt-get install softhsm2")


@pytest.fixture(scope="session")
def token(pki, tmp_path_factory):
    """A SoftHSM2 token labelled "motcua" holding the leader's key and certificate ("leader")."""
    util, library = _softhsm()
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {folder / 'tokens'}\n"
        "objectstore.backend = file\nlog.level = ERROR\n"
    )
    # Read by the library when it is loaded: set before anything opens it in this process.
    os.environ["SOFTHSM2_CONF"] = str(config)
    run = {"check": True, "capture_output": True, "env": os.environ.copy()}
    subprocess.run(
        [util, "--init-token", "--free", "--label", "motcua", "--pin", PIN, "--so-pin", SO_PIN],
        **run,
    )
    key_file = folder / "leader-key.pem"
    key_file.write_bytes(
        pki.leader.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [
            util,
            "--import",
            str(key_file),
            "--token",
            "motcua",
            "--label",
            "leader",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        **run,
    )
    key_file.unlink()
    # softhsm2-util imports keys only; the certificate goes on the token through PKCS#11, as a
    # CA's enrolment tool puts it on a USB token.
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    certificate = pki.leader.certificate
    with pkcs11.lib(library).get_token(token_label="motcua").open(rw=True, user_pin=PIN) as s:
        s.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "leader",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: certificate.subject.public_bytes(),
                Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    return library


@pytest.fixture
def token_settings(settings, token, trusted_root):
    settings.SIGNING_PROVIDER = "pkcs11"
    settings.SIGNING_PKCS11_LIB = token
    settings.SIGNING_PKCS11_TOKEN = "motcua"
    settings.SIGNING_PKCS11_PIN = PIN
    settings.SIGNING_PKCS11_KEY_LABEL = "leader"
    return settings


def test_the_leader_signs_with_the_key_on_the_token(token_settings, sample_pdf):
    signed = pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert signed.provider == "signing.pkcs11"
    assert signed.signer == "Nguyễn Văn Lãnh Đạo"
    findings = pdf_signatures_validate(signed.content)
    assert [finding.outcome for finding in findings] == [Outcome.VALID]


def test_a_wrong_pin_fails_with_a_message_that_names_no_secret(token_settings, sample_pdf):
    token_settings.SIGNING_PKCS11_PIN = "000000"
    with pytest.raises(SigningFailed) as failure:
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)
    assert "000000" not in str(failure.value)


def test_a_token_that_is_not_plugged_in_fails_with_a_message(token_settings, sample_pdf):
    token_settings.SIGNING_PKCS11_TOKEN = "khong-co"
    with pytest.raises(SigningFailed):
        pdf_sign(pdf=sample_pdf, agency_code="", request=REQUEST)

"""Certificates for the signature tests, made once per test process: a root CA standing for
the configured trust root, a leader's certificate it issued, an expired one, a timestamp
authority, and another root nobody configured."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from dossiers.tests.conftest import office  # noqa: F401 (the dossiers' cast, as a fixture)
from signing.pki import ca_issue, pkcs12_bytes, signer_issue, validity

PASSPHRASE = b"mat-khau-thu"


def asn1(certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="session")
def pki():
    start, end = validity(days=365)
    root = ca_issue(
        common_name="Root CA thử nghiệm", organisation="Kiểm thử", not_before=start, not_after=end
    )
    leader = signer_issue(
        ca=root,
        common_name="Nguyễn Văn Lãnh Đạo",
        organisation="UBND Xã An",
        not_before=start,
        not_after=end,
    )
    long_ago = datetime.now(UTC) - timedelta(days=400)
    expired = signer_issue(
        ca=root,
        common_name="Trần Hết Hạn",
        organisation="UBND Xã An",
        not_before=long_ago,
        not_after=long_ago + timedelta(days=30),
    )
    tsa = signer_issue(
        ca=root,
        common_name="TSA thử nghiệm",
        organisation="Kiểm thử",
        not_before=start,
        not_after=end,
        time_stamping=True,
    )
    other_root = ca_issue(
        common_name="Root CA khác", organisation="Khác", not_before=start, not_after=end
    )
    return SimpleNamespace(root=root, leader=leader, expired=expired, tsa=tsa, other=other_root)


@pytest.fixture
def leader_p12(pki, tmp_path):
    path = tmp_path / "leader.p12"
    path.write_bytes(
        pkcs12_bytes(issued=pki.leader, chain=[pki.root.certificate], passphrase=PASSPHRASE)
    )
    return path


@pytest.fixture
def trusted_root(pki, tmp_path, settings):
    """The test root as the deployment's configured trust root, and no demo CA."""
    path = tmp_path / "roots.pem"
    path.write_bytes(pki.root.certificate_pem)
    settings.SIGNING_TRUST_ROOTS = [str(path)]
    settings.SIGNING_DEMO_ALLOWED = False
    return path


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    from core.documents import render_pdf

    return render_pdf(
        '<html lang="vi"><head><title>Quyết định</title></head><body class="official">'
        "<p>QUYẾT ĐỊNH số 125/QĐ-UBND về việc đăng ký khai sinh</p></body></html>"
    )

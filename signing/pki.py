"""Certificates for the demo and the tests: a CA and a signer's certificate issued by it, built
with `cryptography`. Real deployments use certificates from a licensed CA (VGCA for public
service signatures); nothing here is used then (docs/decisions/0019-signatures-and-digitised.md).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_MARK = "DEMO - KHONG CO GIA TRI PHAP LY"


@dataclass(frozen=True)
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pkcs8_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def ca_issue(
    *, common_name: str, organisation: str, not_before: datetime, not_after: datetime
) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common_name, organisation)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key=key, certificate=certificate)


def signer_issue(
    *,
    ca: Issued,
    common_name: str,
    organisation: str,
    not_before: datetime,
    not_after: datetime,
    time_stamping: bool = False,
) -> Issued:
    """A signing certificate with non-repudiation, which PAdES validators require; or, with
    `time_stamping`, a timestamp authority's certificate (RFC 3161 asks for that usage only)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    if time_stamping:
        certificate = certificate.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return Issued(key=key, certificate=certificate.sign(ca.key, hashes.SHA256()))


def pkcs12_bytes(*, issued: Issued, chain: list[x509.Certificate], passphrase: bytes) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        name=issued.certificate.subject.rfc4514_string().encode(),
        key=issued.key,
        cert=issued.certificate,
        cas=chain,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
    )


def validity(*, days: int, start: datetime | None = None) -> tuple[datetime, datetime]:
    start = start or datetime.now(UTC) - timedelta(days=1)
    return start, start + timedelta(days=days)

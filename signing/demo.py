"""The demo CA and the demo leader's certificate, made once per installation (at `seed_demo`,
by `manage.py signing_demo_ca`, or at the demo signer's first use) so a fresh install signs
offline. Everything they sign says DEMO in the certificate and in the visible block; production
refuses the demo signer (SIGNING_DEMO_ALLOWED is off there)."""

import os
from pathlib import Path

from cryptography import x509
from django.conf import settings

from signing.pki import DEMO_MARK, ca_issue, pkcs12_bytes, signer_issue, validity

CA_FILE = "demo-ca.pem"
LEADER_FILE = "demo-leader.p12"
# Not a secret: the demo key signs nothing of value, and a demo installation must sign without
# anyone typing a passphrase.
PASSPHRASE = b"motcua-demo"


def demo_dir() -> Path:
    return Path(settings.SIGNING_DEMO_DIR)


def demo_ca_ensure() -> tuple[Path, Path]:
    """The paths of the demo CA certificate (PEM) and of the leader's PKCS#12 file, made if
    missing. Ten years, so a demo never expires mid-presentation."""
    folder = demo_dir()
    ca_path, leader_path = folder / CA_FILE, folder / LEADER_FILE
    if ca_path.exists() and leader_path.exists():
        return ca_path, leader_path
    folder.mkdir(parents=True, exist_ok=True)
    not_before, not_after = validity(days=3650)
    ca = ca_issue(
        common_name=f"MotCua Demo CA ({DEMO_MARK})",
        organisation="MotCua demo",
        not_before=not_before,
        not_after=not_after,
    )
    leader = signer_issue(
        ca=ca,
        common_name="Lãnh đạo UBND (DEMO)",
        organisation=f"MotCua demo ({DEMO_MARK})",
        not_before=not_before,
        not_after=not_after,
    )
    bundle = pkcs12_bytes(issued=leader, chain=[ca.certificate], passphrase=PASSPHRASE)
    # Written under temporary names and renamed, so no process ever reads half a file.
    for path, content in ((leader_path, bundle), (ca_path, ca.certificate_pem)):
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(content)
        partial.replace(path)
    return ca_path, leader_path


def demo_ca_certificate() -> x509.Certificate | None:
    """The demo CA, when this installation has made one (trusted only where settings allow)."""
    path = demo_dir() / CA_FILE
    if not path.exists():
        return None
    return x509.load_pem_x509_certificate(path.read_bytes())

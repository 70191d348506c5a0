"""The reverse-proxy configuration in deploy/nginx/ is valid for Debian's nginx (`nginx -t`), with stand-in
certificates in place of the site's."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SITE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "centre.conf"


def _self_signed(folder: Path, name: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))  # fmt: skip
    (folder / f"{name}.crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / f"{name}.key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))  # fmt: skip


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (scripts/dev installs nginx-light)")
def test_the_site_configuration_passes_nginx_t(tmp_path: Path) -> None:
    for name in ("api", "verify", "console"):
        _self_signed(tmp_path, name)
    site = SITE.read_text(encoding="utf-8").replace("/etc/ssl/centre/", f"{tmp_path}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "centre.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n include {tmp_path}/centre.conf;\n}}\n", encoding="utf-8")  # fmt: skip
    done = subprocess.run([shutil.which("nginx") or "nginx", "-t", "-q", "-p", str(tmp_path), "-c",
                           str(tmp_path / "nginx.conf")], capture_output=True, text=True, timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stderr

"""PEM certificates made at start-up for a local TLS broker: a private CA, the broker, and mTLS clients."""

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_VALID_FOR = datetime.timedelta(days=2)  # a test session's certificates need not outlive it
Key = ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class CertificatePair:
    """A PEM certificate and its PKCS#8 private key (unencrypted: the files are 0600 in a temp dir)."""

    certificate: Path
    key: Path


@dataclass(frozen=True)
class LocalCA:
    """A throw-away certificate authority that signs the broker's and the clients' certificates."""

    directory: Path
    key: Key
    certificate: x509.Certificate

    @property
    def cafile(self) -> Path:
        """The CA certificate clients and the broker trust."""
        return self.directory / "ca.pem"

    def issue(self, name: str, *, server: bool = False) -> CertificatePair:
        """A certificate with subject ``CN=<name>``; a server one is valid for 127.0.0.1 and localhost."""
        key = ec.generate_private_key(ec.SECP256R1())
        builder = _builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]), key, self.certificate)
        if server:
            names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        pair = CertificatePair(self.directory / f"{name}.pem", self.directory / f"{name}-key.pem")
        certificate = builder.sign(self.key, hashes.SHA256())
        _write(pair.certificate, certificate.public_bytes(serialization.Encoding.PEM))
        _write(pair.key, _pkcs8(key))
        return pair


def create_ca(directory: Path) -> LocalCA:
    """A new CA whose certificate is written to ``directory/ca.pem``."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "learningcity-local-ca")])
    constraints = x509.BasicConstraints(ca=True, path_length=0)
    builder = _builder(name, key, None).add_extension(constraints, critical=True)
    certificate = builder.sign(key, hashes.SHA256())
    ca = LocalCA(directory, key, certificate)
    _write(ca.cafile, certificate.public_bytes(serialization.Encoding.PEM))
    return ca


def _builder(subject: x509.Name, key: Key, issuer: x509.Certificate | None) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + _VALID_FOR)
    )


def _pkcs8(key: Key) -> bytes:
    # Kafka's PEM key store reads PKCS#8 keys only.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(0o600)

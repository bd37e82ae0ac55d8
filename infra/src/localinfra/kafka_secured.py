"""A broker as production runs it: SASL_SSL (SCRAM-SHA-512) and mTLS listeners, ACLs enforced, no anonymity.

Certificates are made at start-up (``localinfra.kafka_tls``); SCRAM users are created when the storage is
formatted (KRaft, KIP-900). The controller listener stays plaintext on 127.0.0.1: it authenticates as
ANONYMOUS, which therefore must be a super user so the node can talk to itself.
"""

import secrets
import ssl
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from aiokafka.helpers import create_ssl_context
from contracts.rights import PRINCIPALS

from localinfra.kafka import BrokerSecurity, KafkaServer, start_kafka
from localinfra.kafka_tls import CertificatePair, LocalCA, create_ca
from localinfra.ports import free_ports
from localinfra.readiness import kafka_answers

ADMIN = "admin"
SCRAM = "SCRAM-SHA-512"
# An mTLS client's principal is its certificate's CN (User:enrolment for CN=enrolment).
PRINCIPAL_FROM_CN = "RULE:^CN=([a-z][a-z0-9-]*)$/$1/,DEFAULT"


@dataclass
class SecuredKafka:
    """A running secured broker: where to connect, what to trust, and every principal's password."""

    server: KafkaServer
    sasl_bootstrap: str
    mtls_bootstrap: str
    ca: LocalCA
    passwords: dict[str, str] = field(repr=False)

    @property
    def cafile(self) -> Path:
        """The CA certificate that signed the broker's certificate."""
        return self.ca.cafile

    def client_certificate(self, principal: str) -> CertificatePair:
        """A new client certificate (``CN=<principal>``) for the mTLS listener."""
        return self.ca.issue(principal)

    def stop(self) -> None:
        """Stop the broker."""
        self.server.stop()


def start_secured_kafka(data_dir: Path, timeout: float = 90) -> SecuredKafka:
    """Start a fresh secured broker in ``data_dir`` with one SCRAM user per declared principal + admin."""
    ca = create_ca(data_dir / "tls")
    keystore = _broker_keystore(ca)
    passwords = {name: secrets.token_urlsafe(18) for name in (ADMIN, *(p.name for p in PRINCIPALS))}
    sasl_port, mtls_port, controller_port = free_ports(3)
    sasl_bootstrap = f"127.0.0.1:{sasl_port}"
    security = BrokerSecurity(
        properties=secured_properties(
            sasl_port, mtls_port, controller_port, keystore, ca.cafile, passwords[ADMIN]
        ),
        format_args=[arg for name, pw in passwords.items() for arg in ("--add-scram", _scram(name, pw))],
        probe=partial(kafka_answers, sasl_bootstrap, **admin_options(ca.cafile, passwords[ADMIN])),
    )
    server = start_kafka(data_dir, sasl_port, controller_port, timeout=timeout, secured=security)
    return SecuredKafka(server, sasl_bootstrap, f"127.0.0.1:{mtls_port}", ca, passwords)


def secured_properties(
    sasl_port: int, mtls_port: int, controller_port: int, keystore: Path, cafile: Path, admin_password: str
) -> dict[str, str]:
    """The properties that secure the broker; they override the plaintext listener of the default one."""
    sasl, mtls, controller = (f"127.0.0.1:{p}" for p in (sasl_port, mtls_port, controller_port))
    jaas = f'org.apache.kafka.common.security.scram.ScramLoginModule required username="{ADMIN}" '
    return {
        "listeners": f"SASL_SSL://{sasl},SSL://{mtls},CONTROLLER://{controller}",
        "advertised.listeners": f"SASL_SSL://{sasl},SSL://{mtls},CONTROLLER://{controller}",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL",
        "inter.broker.listener.name": "SASL_SSL",
        "sasl.enabled.mechanisms": SCRAM,
        "sasl.mechanism.inter.broker.protocol": SCRAM,
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": f'{jaas}password="{admin_password}";',
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(keystore),
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": str(cafile),
        "listener.name.ssl.ssl.client.auth": "required",
        "ssl.principal.mapping.rules": PRINCIPAL_FROM_CN,
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found": "false",
        "super.users": f"User:{ADMIN};User:ANONYMOUS",
    }


def _broker_keystore(ca: LocalCA) -> Path:
    """Kafka's PEM key store: the PKCS#8 key followed by the certificate chain, in one file."""
    pair = ca.issue("localhost", server=True)
    keystore = ca.directory / "broker-keystore.pem"
    keystore.write_bytes(pair.key.read_bytes() + pair.certificate.read_bytes() + ca.cafile.read_bytes())
    keystore.chmod(0o600)
    return keystore


def _scram(name: str, password: str) -> str:
    return f"{SCRAM}=[name={name},password={password}]"


def admin_options(cafile: Path, password: str) -> dict[str, Any]:
    """aiokafka options to log in as the operator (``admin``, a super user) over SASL_SSL."""
    context: ssl.SSLContext = create_ssl_context(cafile=cafile)
    return {
        "security_protocol": "SASL_SSL",
        "ssl_context": context,
        "sasl_mechanism": SCRAM,
        "sasl_plain_username": ADMIN,
        "sasl_plain_password": password,
    }

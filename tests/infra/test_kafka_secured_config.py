"""The secured broker's configuration: no plaintext client listener, ACLs enforced, deny by default."""

from pathlib import Path

from localinfra.kafka_config import server_properties
from localinfra.kafka_secured import secured_properties


def _properties(tmp_path: Path) -> dict[str, str]:
    overrides = secured_properties(9093, 9094, 9095, tmp_path / "ks.pem", tmp_path / "ca.pem", "pw")
    text = server_properties(9093, 9095, tmp_path, overrides)
    return dict(line.split("=", 1) for line in text.splitlines())


def test_clients_reach_only_sasl_ssl_and_mtls_listeners(tmp_path: Path) -> None:
    props = _properties(tmp_path)
    assert props["listeners"] == "SASL_SSL://127.0.0.1:9093,SSL://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095"
    assert "PLAINTEXT://" not in props["listeners"]
    assert props["listener.name.ssl.ssl.client.auth"] == "required"
    assert props["sasl.enabled.mechanisms"] == "SCRAM-SHA-512"


def test_acls_are_enforced_and_missing_acls_deny(tmp_path: Path) -> None:
    props = _properties(tmp_path)
    assert props["authorizer.class.name"].endswith("StandardAuthorizer")
    assert props["allow.everyone.if.no.acl.found"] == "false"
    assert props["super.users"] == "User:admin;User:ANONYMOUS"

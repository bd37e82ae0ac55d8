"""Real Kafka and PostgreSQL for make run and the tests."""

from localinfra.backend import Backend, Infra, choose_backend, start_infra
from localinfra.errors import InfraError
from localinfra.kafka import KafkaServer, start_kafka
from localinfra.postgres import (
    PostgresServer,
    ServiceDatabase,
    create_service_database,
    drop_database,
    start_postgres,
)

__all__ = [
    "Backend",
    "Infra",
    "InfraError",
    "KafkaServer",
    "PostgresServer",
    "ServiceDatabase",
    "choose_backend",
    "create_service_database",
    "drop_database",
    "start_infra",
    "start_kafka",
    "start_postgres",
]

"""Wires the enrolment service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import ENROLMENTS, LEARNER_CONTACTS, LEARNERS
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from enrolment.adapters.identity import NationalIdHasher
from enrolment.adapters.reference import reference_tables
from enrolment.adapters.support_policies import support_policy
from enrolment.adapters.uow import SqlUnitOfWork
from enrolment.app.learner_records import LearnerRules
from enrolment.domain.enrolment import EnrolmentRefused
from enrolment.domain.learner import LearnerRefused
from enrolment.domain.teacher import TeacherRefused
from enrolment.entrypoints import enrolments, events, learners, offerings, teacher_profiles


class EnrolmentSettings(ServiceSettings):
    """Settings of the enrolment service (env prefix ENROLMENT_)."""

    model_config = SettingsConfigDict(env_prefix="ENROLMENT_", extra="ignore", frozen=True)
    service_name: str = "enrolment"
    http_port: int = 8002
    national_id_key: SecretStr | None = Field(
        None,
        min_length=16,
        description="Key of the national-id hashes (HMAC-SHA-256); unset = national ids are not accepted",
    )


SPEC = ServiceSpec(
    title="Enrolment service",
    description="Learners' enrolments on the Hanoi Learning City platform's courses.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[enrolments.router, offerings.router, learners.router, teacher_profiles.router],
    produces=[ENROLMENTS, LEARNERS, LEARNER_CONTACTS],
    consumers=events.consumers,
    refusals=[EnrolmentRefused, LearnerRefused, TeacherRefused],
)


def bootstrap(settings: EnrolmentSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The enrolment service: learners, enrolments on offerings, the offering model, its topics."""
    settings = settings or EnrolmentSettings()
    service = build_service(SPEC, settings, deps)
    key = settings.national_id_key
    hasher = NationalIdHasher(key.get_secret_value().encode()) if key else None
    service.app.state.learner_rules = LearnerRules(reference_tables(), hasher)
    service.app.state.support_policy = support_policy()
    return service

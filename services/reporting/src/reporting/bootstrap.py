"""Wires the reporting service; nothing connects until the app starts."""

from pathlib import Path
from typing import Literal

from contracts.topics import LEARNING_ACTIVITY
from pydantic import Field
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.http import error_report
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from reporting.adapters.population_file import DATASETS, FilePopulation
from reporting.adapters.teacher_roadmap_file import BASELINES, TeacherReference
from reporting.adapters.uow import SqlUnitOfWork
from reporting.domain.drill_down import CellUnknown
from reporting.domain.participation import PeriodRefused
from reporting.domain.readership import BreakdownRefused
from reporting.domain.xapi import StatementRefused
from reporting.entrypoints import (
    campaign_indicator,
    catalogue,
    dashboard,
    drill_down,
    events,
    gnlc_report,
    http,
    indicators,
    teacher_indicator,
    xapi,
)


class ReportingSettings(ServiceSettings):
    """Settings of the reporting service (env prefix REPORTING_)."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", frozen=True)
    service_name: str = "reporting"
    http_port: int = 8004
    # Reporting (issue 12): denominators of the indicators.
    population_file: Path | None = Field(
        default=None,
        description="CSV of population by area, sex and age band with sources; else population_dataset's",
    )
    population_dataset: Literal["official", "illustrative"] = Field(
        default="official",
        description="The shipped population file used when population_file is unset: official figures only "
        "(rates mostly null) or the ILLUSTRATIVE per-commune file (demo rates, flagged in every response)",
    )
    teacher_baseline_file: Path | None = Field(
        default=None,
        description="CSV of teachers below standard per level (level, teachers, reference_date, source); "
        "without it the roadmap shares are null",
    )
    teacher_baseline_dataset: Literal["none", "illustrative"] = Field(
        default="none",
        description="The shipped baseline used when teacher_baseline_file is unset: none (shares null) or "
        "the ILLUSTRATIVE file (demo shares, flagged in every response; data/TEACHER_BASELINE_SOURCES.md)",
    )


SPEC = ServiceSpec(
    title="Reporting service",
    description="Statistics and progress evidence of the Hanoi Learning City platform.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[
        *(http.router, indicators.router, catalogue.router, error_report.router, *xapi.routers),
        teacher_indicator.router,
        campaign_indicator.router,
        *(dashboard.router, gnlc_report.router, drill_down.router),  # dashboard, GNLC export, drill-down
    ],
    produces=[LEARNING_ACTIVITY],  # learning activity from xAPI statements, through the outbox
    consumers=events.consumers,
    refusals=[PeriodRefused, BreakdownRefused, StatementRefused, CellUnknown],
)


def bootstrap(settings: ReportingSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The reporting service: projections from events and published statistics."""
    settings = settings or ReportingSettings()
    service = build_service(SPEC, settings, deps)
    path = settings.population_file or DATASETS[settings.population_dataset]
    service.app.state.population = FilePopulation.read(path)  # a bad file stops start-up
    baseline = settings.teacher_baseline_file or BASELINES[settings.teacher_baseline_dataset]
    service.app.state.teacher_reference = TeacherReference.read(baseline)
    return service

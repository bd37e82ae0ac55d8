"""Wires the content service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import COURSES, OFFERINGS
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings
from starlette.middleware import Middleware

from content.adapters.catalogue import PooledCatalogueVersion
from content.adapters.reference import reference
from content.adapters.uow import SqlUnitOfWork
from content.domain.audience import AudienceInvalid
from content.domain.course import CourseNotFound, CourseRuleBroken, NotYourCourse
from content.domain.course_content import CourseInvalid
from content.domain.material import MaterialInvalid, MaterialNotFound
from content.domain.offering import OfferingInvalid, OfferingNotFound, OfferingRuleBroken
from content.entrypoints import authoring, catalogue_api, feed_api, import_api, material_api, offering_api
from content.entrypoints.kept_catalogue import KeptCatalogue, KnownQueries
from content.entrypoints.page_cache import PageCache


class ContentSettings(ServiceSettings):
    """Settings of the content service (env prefix CONTENT_)."""

    model_config = SettingsConfigDict(env_prefix="CONTENT_", extra="ignore", frozen=True)
    service_name: str = "content"
    http_port: int = 8001


SPEC = ServiceSpec(
    title="Content service",
    description="The learning-materials catalogue of the Hanoi Learning City platform.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[
        catalogue_api.router,
        authoring.router,
        material_api.router,
        offering_api.router,
        import_api.router,
        feed_api.router,
    ],
    produces=[COURSES, OFFERINGS],
    refusals=[
        AudienceInvalid,
        CourseInvalid,
        CourseNotFound,
        CourseRuleBroken,
        MaterialInvalid,
        MaterialNotFound,
        NotYourCourse,
        OfferingInvalid,
        OfferingNotFound,
        OfferingRuleBroken,
    ],
)


def bootstrap(settings: ContentSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The content service: authoring and public catalogue APIs, the courses and offerings topics."""
    settings = settings or ContentSettings()
    service = build_service(SPEC, settings, deps)
    service.app.state.reference = reference()
    version = PooledCatalogueVersion(service.runtime)
    pages = service.app.state.catalogue_pages = PageCache(settings.catalogue_cache_pages, version)
    queries = service.app.state.catalogue_queries = KnownQueries(settings.catalogue_cache_pages)
    if settings.catalogue_fast_path:
        _answer_kept_pages_first(service, pages, queries)
    return service


def _answer_kept_pages_first(service: Service, pages: PageCache, queries: KnownQueries) -> None:
    """The kept-page fast path as the innermost middleware: inside the kit's span, metrics and limits.

    Appended, not `add_middleware`d (which puts a layer outermost, before the kit's own)."""
    layer = Middleware(KeptCatalogue, path="/v1/courses", pages=pages, queries=queries)
    service.app.user_middleware.append(layer)

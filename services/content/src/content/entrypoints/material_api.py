"""HTTP API for learning materials: authors publish and withdraw them; anyone lists a course's materials."""

from uuid import UUID

from contracts.events.content import MaterialKind
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from content.app.attach_material import AttachMaterial, attach_material, published_materials, retire_material
from content.domain.material import Material, MaterialFile
from content.entrypoints.access import AuthorOf, Deps, Uow

router = APIRouter(tags=["materials"])


class MaterialBody(BaseModel):
    """A material to publish on a course."""

    model_config = ConfigDict(extra="forbid")
    kind: MaterialKind = Field(description="document, video, audio or xapi (interactive activity)")
    url: str = Field(max_length=2000, description="HTTPS address of the file or activity")
    checksum: str = Field(max_length=80, description="sha256 of the file as `sha256:<hex>`")
    size_bytes: int = Field(ge=1, le=50 * 2**30, strict=True, description="Size in bytes")
    language: str = Field(max_length=3, description="ISO 639 code")
    licence: str = Field(max_length=64, description="SPDX licence id, e.g. CC-BY-4.0")
    xapi_activity_id: str | None = Field(None, max_length=2000, description="xAPI activity IRI (xapi only)")

    def file(self) -> MaterialFile:
        """The domain's material description."""
        return MaterialFile(**{**self.model_dump(), "kind": self.kind.value})


class MaterialView(MaterialBody):
    """A material with its ids and whether it was withdrawn."""

    id: UUID
    course_id: UUID
    retired: bool

    @classmethod
    def of(cls, material: Material) -> "MaterialView":
        return cls(
            **vars(material.file), id=material.id, course_id=material.course_id, retired=material.retired
        )


@router.post("/v1/courses/{course_id}/materials", status_code=201, summary="Publish a material on a course")
async def attach(course_id: UUID, body: MaterialBody, uow: Uow, deps: Deps, author: AuthorOf) -> MaterialView:
    return MaterialView.of(await attach_material(AttachMaterial(course_id, body.file(), author), uow, deps))


@router.post("/v1/materials/{material_id}/retire", summary="Withdraw a material")
async def retire(material_id: UUID, uow: Uow, deps: Deps, author: AuthorOf) -> MaterialView:
    return MaterialView.of(await retire_material(material_id, author, uow, deps))


@router.get("/v1/courses/{course_id}/materials", summary="The materials of a published course (no login)")
async def materials(course_id: UUID, uow: Uow) -> list[MaterialView]:
    return [MaterialView.of(m) for m in await published_materials(course_id, uow)]

"""The indicator registry: one entry per served indicator, each naming a real route and breakdowns."""

from typing import Any

from fastapi import FastAPI
from reporting.bootstrap import SPEC
from reporting.domain.indicator_catalogue import CATALOGUE, BuildingBlock, indicator


def _openapi() -> dict[str, Any]:
    app = FastAPI()
    for router in SPEC.routers:
        app.include_router(router)
    return app.openapi()


def test_indicator_ids_and_paths_are_unique():
    assert len({d.id for d in CATALOGUE}) == len(CATALOGUE)
    assert len({d.api_path for d in CATALOGUE}) == len(CATALOGUE)


def test_every_catalogued_path_is_a_route_of_the_app():
    paths = _openapi()["paths"]
    assert {d.api_path for d in CATALOGUE} <= {p for p in paths if "get" in paths[p]}


def test_every_indicator_route_is_catalogued():
    served = {p for p in _openapi()["paths"] if p.startswith("/v1/indicators/")}
    assert served <= {d.api_path for d in CATALOGUE}


def test_the_breakdowns_are_the_ones_the_route_accepts():
    paths = _openapi()["paths"]
    for d in CATALOGUE:
        by = next(p for p in paths[d.api_path]["get"]["parameters"] if p["name"] == "by")
        accepted = by["schema"].get("enum") or [by["schema"]["const"]]  # a single value is a const
        assert set(d.breakdowns) == set(accepted), d.id


def test_every_entry_is_described_in_both_languages():
    for d in CATALOGUE:
        assert all((d.title_vi, d.title_en, d.definition, d.data_source, d.unit)), d.id
        assert d.title_vi != d.title_en


def test_building_blocks_are_the_six_of_the_key_features():
    assert [b.number for b in BuildingBlock] == [1, 2, 3, 4, 5, 6]
    assert BuildingBlock.INCLUSIVE_EDUCATION.title_en == "Inclusive learning in the education system"


def test_looks_an_indicator_up_by_id():
    assert indicator("sdg-4.3.1") is CATALOGUE[0]
    assert indicator("nothing") is None

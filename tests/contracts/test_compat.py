"""Compatibility gate: within a major version only additive, optional changes pass."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from contracts.compat import check_compatible, check_published, main, publish, unpublished

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COURSE_V1 = "vn.hanoi.learningcity.content.course.published.v1"
ENROLMENT_V1 = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _published(ce_type: str = COURSE_V1) -> dict[str, Any]:
    data: dict[str, Any] = _load(CONTRACTS / "published" / f"{ce_type}.json")
    return data


def _against_baseline(fixture: str) -> list[str]:
    return check_compatible(_published(), _load(FIXTURES / fixture))


def test_current_models_are_compatible_with_their_baselines() -> None:
    assert check_published() == []
    assert unpublished() == []


def test_rejects_a_removed_field() -> None:
    assert _against_baseline("course_published_v1_removed_field.json") == ["field title_en: removed"]


def test_rejects_a_changed_type() -> None:
    assert _against_baseline("course_published_v1_changed_type.json") == [
        "field capacity: type changed from 'integer' to 'string'"
    ]


def test_rejects_a_new_required_field() -> None:
    assert _against_baseline("course_published_v1_new_required_field.json") == [
        "field provider_id: new required field"
    ]


def test_rejects_a_narrowed_enum() -> None:
    assert _against_baseline("course_published_v1_enum_narrowed.json") == [
        "field theme: enum narrowed, removed ['law']"
    ]


def test_accepts_an_added_optional_field() -> None:
    assert _against_baseline("course_published_v1_added_optional_field.json") == []


def test_accepts_a_widened_enum() -> None:
    assert _against_baseline("course_published_v1_enum_widened.json") == []


def test_follows_refs_into_nested_objects() -> None:
    problems = check_compatible(
        _load(FIXTURES / "nested_v1.json"), _load(FIXTURES / "nested_changed_deep_type.json")
    )
    assert problems == ["field venues[].address.commune_code: type changed from 'string' to 'integer'"]


def test_renamed_definitions_with_the_same_shape_pass() -> None:
    old = _load(FIXTURES / "nested_v1.json")
    renamed = json.loads(json.dumps(old).replace("Address", "PostalAddress").replace("Venue", "Place"))
    assert check_compatible(old, renamed) == []


def _after(edit: Callable[[dict[str, Any]], None]) -> list[str]:
    new = _published()
    edit(new)
    return check_compatible(_published(), new)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s["required"].append("capacity"), "field capacity: made required"),
        (lambda s: s["required"].remove("title_vi"), "field title_vi: no longer required"),
        (lambda s: s["properties"]["course_id"].update(format="uri"), "field course_id: format changed"),
        (lambda s: s["properties"]["title_vi"].update(maxLength=100), "field title_vi: maxLength narrowed"),
        (lambda s: s["properties"]["code"].update(pattern="^[A-Z]+$"), "field code: pattern narrowed"),
        (lambda s: s.update({"x-classification": "confidential"}), "x-classification raised"),
        (lambda s: s.update({"x-category": "personal"}), "x-category raised"),
        (lambda s: s.update({"x-topic": "content.catalogue"}), "x-topic changed"),
    ],
)
def test_reports_other_breaking_changes(edit: Callable[[dict[str, Any]], None], expected: str) -> None:
    assert any(expected in problem for problem in _after(edit))


def test_accepts_looser_constraints_and_new_descriptions() -> None:
    def loosen(schema: dict[str, Any]) -> None:
        schema["properties"]["title_en"] = {"type": "string", "description": "Any English title."}
        schema["properties"]["code"].pop("pattern")
        schema["x-classification"] = "public"

    assert _after(loosen) == []


def test_making_a_field_nullable_is_a_type_change() -> None:
    new = _published()
    new["properties"]["title_vi"] = {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "x"}
    assert check_compatible(_published(), new) == [
        "field title_vi: type changed from string to string | null"
    ]


def _copy_published(tmp_path: Path) -> Path:
    shutil.copytree(CONTRACTS / "published", tmp_path / "published")
    return tmp_path


def test_cli_fails_naming_event_type_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy_published(tmp_path)
    shutil.copy(
        FIXTURES / "course_published_v1_new_required_field.json", root / "published" / f"{COURSE_V1}.json"
    )
    assert main(["--root", str(root)]) == 1
    assert f"{COURSE_V1}: field provider_id" in capsys.readouterr().err


def test_cli_fails_when_published_type_left_the_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_published(tmp_path)
    retired = "vn.hanoi.learningcity.content.course.archived.v1"
    shutil.copy(root / "published" / f"{COURSE_V1}.json", root / "published" / f"{retired}.json")
    assert main(["--root", str(root)]) == 1
    assert f"{retired}: published event type is missing from the registry" in capsys.readouterr().err


def test_publish_adds_missing_baselines_and_never_overwrites(tmp_path: Path) -> None:
    root = _copy_published(tmp_path)
    (root / "published" / f"{ENROLMENT_V1}.json").unlink()
    course_baseline = root / "published" / f"{COURSE_V1}.json"
    course_baseline.write_text(course_baseline.read_text() + " ", encoding="utf-8")
    assert unpublished(root) == [ENROLMENT_V1]
    assert publish(root) == [ENROLMENT_V1]
    assert _load(root / "published" / f"{ENROLMENT_V1}.json") == _published(ENROLMENT_V1)
    assert course_baseline.read_text().endswith(" ")
    assert main(["--root", str(root), "--publish"]) == 0

"""The demo catalogue `make run` loads (localinfra/demo/courses.json), checked against content's own rules."""

import uuid
from datetime import date

import pytest
from content.adapters.reference import domain_names, reference
from content.domain.course import Course
from content.domain.offering import Schedule
from content.entrypoints.course_schema import NewCourseBody
from content.entrypoints.material_api import MaterialBody
from content.entrypoints.offering_api import ScheduleBody
from localinfra.demo_catalogue import demo_courses, offering_body
from localinfra.demo_load import ENROLLED

COURSES = demo_courses()
TODAY = date(2026, 1, 1)


def test_at_least_40_courses_with_unique_codes_across_every_domain():
    assert len(COURSES) >= 40
    assert len({c["code"] for c in COURSES}) == len(COURSES)
    assert {c["theme"] for c in COURSES} == set(domain_names())


def test_every_course_is_bilingual():
    for course in COURSES:
        assert course["title_en"] and course["description_en"], course["code"]
        assert course["title_en"] != course["title_vi"], course["code"]
        assert course["description_en"] != course["description_vi"], course["code"]


@pytest.mark.parametrize("course", COURSES, ids=[c["code"] for c in COURSES])
def test_every_course_material_and_offering_passes_contents_validation(course):
    spec = dict(course)
    materials, plans = spec.pop("materials"), spec.pop("offerings")
    body = NewCourseBody.model_validate(spec)
    Course.create(uuid.uuid4(), body.code, body.provider or "department", body.content(), reference())
    assert materials and plans
    for material in materials:
        MaterialBody.model_validate(material).file().check()
    for plan in plans:
        schedule: Schedule = ScheduleBody.model_validate(offering_body(plan, TODAY)).plan()
        schedule.check(course["delivery_mode"], reference())
        assert schedule.starts_on > TODAY  # upcoming whenever the demo is loaded


def test_offerings_meet_in_at_least_three_localities_and_online():
    plans = [p for c in COURSES for p in c["offerings"]]
    assert len({p["locality_code"] for p in plans if p["locality_code"]}) >= 3
    assert any(p["locality_code"] is None for p in plans)


def test_materials_carry_a_licence_and_a_language():
    materials = [m for c in COURSES for m in c["materials"]]
    assert all(m["licence"] and m["language"] for m in materials)
    assert len({m["language"] for m in materials}) > 1 and len({m["kind"] for m in materials}) == 4


@pytest.mark.parametrize("level", ["preschool", "primary", "lower_secondary"])
def test_a_teacher_upgrade_programme_per_level(level):
    rule = {"rule": "teachers_below_standard", "level": level}
    programmes = [c for c in COURSES if rule in c["audience"]]
    assert [c["theme"] for c in programmes] == ["teacher_professional_standard"]


def test_the_courses_the_demo_enrols_into_are_there():
    codes = {c["code"]: c for c in COURSES}
    assert set(ENROLLED) | {"SK-CD-102"} <= set(codes)
    upgrade = codes["GV-CD-106"]["audience"]
    assert upgrade == [{"rule": "teachers_below_standard", "level": "primary"}]

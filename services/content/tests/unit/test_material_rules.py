"""Rules of a material: a trustworthy description (https, checksum, size, language, licence, xAPI id)."""

from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from content.domain.course import CourseRuleBroken
from content.domain.material import (
    Material,
    MaterialFile,
    MaterialInvalid,
    MaterialPublished,
    MaterialRetired,
)

NOW = datetime(2026, 9, 1, tzinfo=UTC)
VIDEO = MaterialFile("video", "https://hoctap.example/lua.mp4", "sha256:" + "a" * 64, 1024, "vi", "CC-BY-4.0")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "hologram"}, "kind"),
        ({"url": "http://hoctap.example/lua.mp4"}, "url"),
        ({"url": "https://user:pw@hoctap.example/x"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"checksum": "md5:abc"}, "checksum"),
        ({"size_bytes": 0}, "size_bytes"),
        ({"language": "Vietnamese"}, "language"),
        ({"licence": "all rights reserved!"}, "licence"),
        ({"xapi_activity_id": "https://hoctap.example/xapi/1"}, "xapi_activity_id"),
        ({"kind": "xapi"}, "xapi_activity_id"),
    ],
)
def test_an_untrustworthy_description_is_refused_naming_the_field(new_course, change, field):
    with pytest.raises(MaterialInvalid) as refused:
        Material.attach(uuid4(), new_course(), replace(VIDEO, **change), NOW)
    assert refused.value.field == field


def test_an_xapi_activity_carries_its_activity_id(new_course):
    activity = replace(VIDEO, kind="xapi", xapi_activity_id="https://hoctap.example/xapi/lua-1")
    assert Material.attach(uuid4(), new_course(), activity, NOW).file.xapi_activity_id


def test_attaching_publishes_and_retiring_withdraws_once(new_course):
    course = new_course()
    material = Material.attach(uuid4(), course, VIDEO, NOW)

    material.retire(NOW)

    assert material.events == [
        MaterialPublished(material.id, course.id, VIDEO, NOW),
        MaterialRetired(material.id, course.id, NOW),
    ]
    with pytest.raises(CourseRuleBroken):
        material.retire(NOW)


def test_a_retired_course_takes_no_material(new_course):
    course = new_course()
    course.publish(NOW, materials=1)
    course.retire(NOW)
    with pytest.raises(CourseRuleBroken, match="retired"):
        Material.attach(uuid4(), course, VIDEO, NOW)

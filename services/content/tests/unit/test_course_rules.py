"""Catalogue rules of a course, and what publishing it does."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from content.domain.course import Course, CoursePublished, CourseRuleBroken

NOW = datetime(2026, 2, 2, 1, 30, tzinfo=UTC)


def course(code: str = "NN-SH-101", title_vi: str = "Canh tác lúa", title_en: str = "Rice farming", **kw):
    return Course(uuid4(), code, title_vi, title_en, "agriculture", "blended", kw.get("capacity", 40))


class TestCode:
    @pytest.mark.parametrize("code", ["NN", "NN-SH-101", "2026-A", "A" * 32])
    def test_accepts_upper_case_letters_digits_and_dashes(self, code):
        assert course(code).code == code

    @pytest.mark.parametrize("code", ["N", "nn-101", "-NN", "NN 101", "NN_101", "A" * 33, "NN-101\n"])
    def test_refuses_anything_else(self, code):
        with pytest.raises(CourseRuleBroken, match="code"):
            course(code)


class TestTitles:
    @pytest.mark.parametrize(("vi", "en"), [("", "Rice"), ("Lúa", ""), ("   ", "Rice"), ("Lúa", "\t")])
    def test_needs_a_vietnamese_and_an_english_title(self, vi, en):
        with pytest.raises(CourseRuleBroken, match="title"):
            course(title_vi=vi, title_en=en)


class TestCapacity:
    @pytest.mark.parametrize("capacity", [0, -3])
    def test_refuses_fewer_than_one_place(self, capacity):
        with pytest.raises(CourseRuleBroken, match="capacity"):
            course(capacity=capacity)

    @pytest.mark.parametrize("capacity", [1, 500, None])
    def test_accepts_one_place_or_more_or_unlimited(self, capacity):
        assert course(capacity=capacity).capacity == capacity


class TestPublish:
    def test_a_new_course_is_not_published_and_has_no_events(self):
        c = course()

        assert not c.is_published and c.events == []

    def test_publishing_records_the_time_and_emits_course_published(self):
        c = course()

        c.publish(NOW)

        assert c.is_published and c.published_at == NOW
        assert c.events == [
            CoursePublished(c.id, c.code, c.title_vi, c.title_en, c.theme, c.delivery_mode, c.capacity, NOW)
        ]

    def test_publishing_twice_is_refused_and_emits_nothing_more(self):
        c = course()
        c.publish(NOW)

        with pytest.raises(CourseRuleBroken, match="already published"):
            c.publish(datetime(2026, 3, 1, tzinfo=UTC))

        assert c.published_at == NOW and len(c.events) == 1

"""Catalogue rules of a course: texts, domain, audience, code; the lifecycle and its versions; authors."""

from datetime import UTC, datetime, timedelta

import pytest
from content.domain.audience import (
    AgeBetween,
    AudienceInvalid,
    LearnerTypeIn,
    TeachersBelowStandard,
    audience_tags,
)
from content.domain.course import (
    Author,
    CoursePublished,
    CourseRetired,
    CourseRuleBroken,
    CourseStatus,
    NotYourCourse,
)
from content.domain.course_content import CourseInvalid

NOW = datetime(2026, 2, 2, 1, 30, tzinfo=UTC)


class TestCode:
    @pytest.mark.parametrize("code", ["NN", "NN-SH-101", "2026-A", "A" * 32])
    def test_accepts_upper_case_letters_digits_and_dashes(self, new_course, code):
        assert new_course(code).code == code

    @pytest.mark.parametrize("code", ["N", "nn-101", "-NN", "NN 101", "NN_101", "A" * 33, "NN-101\n"])
    def test_refuses_anything_else(self, new_course, code):
        with pytest.raises(CourseInvalid, match="code") as refused:
            new_course(code)
        assert refused.value.field == "code"


class TestContent:
    @pytest.mark.parametrize("field", ["title_vi", "description_vi"])
    @pytest.mark.parametrize("blank", ["", "   ", "\t"])
    def test_the_vietnamese_title_and_description_are_required(self, new_course, field, blank):
        with pytest.raises(CourseInvalid) as refused:
            new_course(**{field: blank})
        assert refused.value.field == field

    def test_english_texts_are_optional(self, new_course):
        c = new_course(title_en=None, description_en=None)
        assert c.draft is not None and c.draft.title_en is None

    def test_an_unknown_domain_is_refused(self, new_course):
        with pytest.raises(CourseInvalid) as refused:
            new_course(theme="astrology")
        assert refused.value.field == "theme"

    @pytest.mark.parametrize(
        ("field", "value"), [("duration_hours", 0), ("languages", ()), ("languages", ("VI",))]
    )
    def test_duration_and_languages_must_make_sense(self, new_course, field, value):
        with pytest.raises(CourseInvalid) as refused:
            new_course(**{field: value})
        assert refused.value.field == field

    @pytest.mark.parametrize(
        "rule", [AgeBetween(18, 15), AgeBetween(-1, 3), TeachersBelowStandard("tertiary"), LearnerTypeIn(())]
    )
    def test_an_impossible_audience_rule_is_refused(self, new_course, rule):
        with pytest.raises(AudienceInvalid):
            new_course(audience=(rule,))

    def test_audience_tags_name_each_rule_or_all(self):
        assert audience_tags(()) == ["all"]
        rules = (TeachersBelowStandard("primary"), LearnerTypeIn(("public_employee",)), AgeBetween(15, 18))
        assert audience_tags(rules) == [
            "age_between",
            "public_employee",
            "teachers_below_standard",
            "teachers_below_standard:primary",
        ]


class TestLifecycle:
    def test_a_new_course_is_a_draft_with_nothing_public_and_no_events(self, new_course):
        c = new_course()
        assert (c.status, c.version, c.published, c.events) == (CourseStatus.DRAFT, 0, None, [])

    def test_publishing_makes_the_draft_version_1_and_announces_it(self, new_course):
        c = new_course()
        draft = c.draft

        c.publish(NOW, materials=1)

        assert (c.status, c.version, c.published, c.draft) == (CourseStatus.PUBLISHED, 1, draft, None)
        assert c.events == [CoursePublished(c.id, c.code, c.provider, 1, draft, NOW)]

    def test_editing_a_published_course_keeps_the_public_version_until_the_edit_is_published(
        self, new_course, new_content, reference
    ):
        c = new_course()
        c.publish(NOW, materials=1)
        first = c.published

        c.edit(new_content(title_vi="Canh tác lúa bền vững"), reference)

        assert c.published == first and c.draft is not None and c.version == 1
        c.publish(NOW + timedelta(days=1), materials=1)
        assert c.version == 2 and c.published.title_vi == "Canh tác lúa bền vững"
        assert [e.version for e in c.events if isinstance(e, CoursePublished)] == [1, 2]

    def test_publishing_without_a_draft_is_refused(self, new_course):
        c = new_course()
        c.publish(NOW, materials=1)

        with pytest.raises(CourseRuleBroken, match="no draft"):
            c.publish(NOW, materials=1)
        assert c.version == 1 and len(c.events) == 1

    def test_retiring_announces_it_and_freezes_the_course(self, new_course, new_content, reference):
        c = new_course()
        c.publish(NOW, materials=1)

        c.retire(NOW)

        assert c.status is CourseStatus.RETIRED and c.events[-1] == CourseRetired(c.id, 1, NOW)
        with pytest.raises(CourseRuleBroken):
            c.edit(new_content(), reference)
        with pytest.raises(CourseRuleBroken):
            c.retire(NOW)

    def test_a_course_without_a_material_cannot_be_published(self, new_course):
        c = new_course()

        with pytest.raises(CourseRuleBroken, match="material"):
            c.publish(NOW, materials=0)
        assert c.status is CourseStatus.DRAFT and c.events == []

    def test_a_draft_cannot_be_retired(self, new_course):
        with pytest.raises(CourseRuleBroken, match="published"):
            new_course().retire(NOW)


class TestAuthors:
    def test_the_provider_and_the_department_may_author_others_may_not(self, new_course):
        c = new_course()
        c.check_author(Author("centre"))
        c.check_author(Author(None))
        with pytest.raises(NotYourCourse):
            c.check_author(Author("another-centre"))

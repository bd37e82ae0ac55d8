"""Content's whole-state offering events become the domain's offerings, and audience rules survive storage."""

from contracts.events.content import OfferingChangedV1
from contracts.events.content.offering_details import AgeBetween as AgeRule
from contracts.events.content.offering_details import LearnerTypeIn as TypeRule
from enrolment.adapters.offerings import rule_json, rule_of
from enrolment.domain.dimensions import LearnerType
from enrolment.domain.offering import AgeBetween, LearnerTypeIn, OfferingStatus, TeachersBelowStandard
from enrolment.domain.teacher import TeacherLevel
from enrolment.entrypoints.events import offering_of

RULES = (
    AgeBetween(15, 18),
    TeachersBelowStandard(TeacherLevel.PRIMARY),
    LearnerTypeIn(frozenset({LearnerType.PUBLIC_EMPLOYEE, LearnerType.INDUSTRIAL_WORKER})),
)


def test_a_whole_state_event_becomes_an_offering_with_its_rules_dates_and_revision():
    event = OfferingChangedV1.example().model_copy(
        update={
            "audience": [
                AgeRule(rule="age_between", min_age=15, max_age=18),
                TypeRule(rule="learner_type_in", learner_types=["student"]),
            ]
        }
    )

    offering = offering_of(event)

    assert (offering.id, offering.course_id, offering.revision) == (event.offering_id, event.course_id, 2)
    assert (offering.capacity, offering.reserved, offering.status) == (50, 10, OfferingStatus.CLOSED)
    assert offering.rules == (AgeBetween(15, 18), LearnerTypeIn(frozenset({LearnerType.STUDENT})))
    assert (offering.starts_on, offering.ends_on) == (event.starts_on, event.ends_on)


def test_stored_rules_read_back_as_the_same_rules():
    assert tuple(rule_of(rule_json(r)) for r in RULES) == RULES


def test_an_upgrading_programme_names_its_level():
    offering = offering_of(OfferingChangedV1.example())

    assert offering.upgrades() is TeacherLevel.PRIMARY

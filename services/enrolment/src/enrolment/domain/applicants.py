"""Who asks for a place: an applicant built from the learner's record, never from what a caller types."""

from dataclasses import replace
from datetime import date

from enrolment.domain.dimensions import age_band, age_on
from enrolment.domain.enrolment import EnrolmentRefused
from enrolment.domain.learner import Learner
from enrolment.domain.offering import Applicant
from enrolment.domain.teacher import TeacherProfile


class LearnerNotFound(EnrolmentRefused):
    """No learner record with that id."""

    status, title, kind = 404, "Learner not found", "learner-not-found"


class LearnerErased(EnrolmentRefused):
    """The learner's personal data was erased: they can no longer enrol."""

    status, title, kind = 409, "Learner erased", "learner-erased"


class OfferingNotFound(EnrolmentRefused):
    """No offering with that id is known here."""

    status, title, kind = 404, "Offering not found", "offering-not-found"


def applicant_for(
    learner: Learner | None, teacher: TeacherProfile | None, starts_on: date | None, today: date
) -> Applicant:
    """The learner as the offering's rules see them: age on the start date, age band today."""
    if learner is None:
        raise LearnerNotFound("no learner with that id")
    if learner.profile is None:
        raise LearnerErased("the learner's record was erased")
    born = learner.profile.date_of_birth
    dimensions = replace(learner.dimensions, age_band=age_band(born, today))
    return Applicant(learner.id, dimensions, age_on(born, starts_on or today), teacher)


class EnrolmentNotFound(EnrolmentRefused):
    """No enrolment with that id that the caller may see."""

    status, title, kind = 404, "Enrolment not found", "not-found"

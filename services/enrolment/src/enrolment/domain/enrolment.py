"""The refusals every enrolment decision shares: each carries its HTTP status and problem type."""


class EnrolmentRefused(ValueError):
    """The enrolment cannot be made. Each refusal carries its own HTTP status and problem type."""

    status, title, kind = 422, "Enrolment refused", "enrolment-refused"


class AlreadyEnrolled(EnrolmentRefused):
    """The learner already has an enrolment on the offering."""

    status, title, kind = 409, "Already enrolled", "already-enrolled"

"""The refusals every enrolment decision shares: each carries its HTTP status and problem type."""


class EnrolmentRefused(ValueError):
    """The enrolment cannot be made. Each refusal carries its own HTTP status and problem type; raised by
    an event handler, it is counted in the sender's error report, not dead-lettered (the kit's marker)."""

    status, title, kind = 422, "Enrolment refused", "enrolment-refused"
    count_not_dead_letter = True


class AlreadyEnrolled(EnrolmentRefused):
    """The learner already has an enrolment on the offering."""

    status, title, kind = 409, "Already enrolled", "already-enrolled"

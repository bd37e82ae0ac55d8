"""Refusals of learner records: a rule broken (422) or a national id already registered (409)."""


class LearnerRefused(ValueError):
    """The learner record would break a rule; `field` names the offending input."""

    status, title, kind = 422, "Learner record refused", "learner-invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DuplicateNationalId(LearnerRefused):
    """Another learner record has the same national id; which one is never said."""

    status, title, kind = 409, "Learner already registered", "learner-duplicate"

    def __init__(self) -> None:
        super().__init__("a learner with this national id is already registered", "national_id")

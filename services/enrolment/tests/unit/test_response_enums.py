"""The API's responses declare their statuses and categories as enums, so generated clients type them."""

import pytest
from enrolment.app.place_changes import Outcome
from enrolment.bootstrap import bootstrap
from enrolment.domain.contacts import Channel
from enrolment.domain.dimensions import AGE_BANDS, LearnerType, Sex, SupportCategory
from enrolment.domain.lifecycle import Status
from enrolment.domain.offering import OfferingStatus
from enrolment.domain.support import BenefitKind


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    with pytest.MonkeyPatch.context() as env:  # built as `make openapi` builds it, without connecting
        env.setenv("ENROLMENT_DATABASE_URL", "postgresql://unused@127.0.0.1/unused")
        spec = bootstrap().app.openapi()
    return spec["components"]["schemas"]


def _enum(schemas: dict[str, dict], model: str, field: str) -> set[str]:
    """The values a response field may take, following $ref, anyOf (nullable) and array items."""
    schema = schemas[model]["properties"][field]
    for _ in range(4):
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in schema:
            schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
        elif schema.get("type") == "array":
            schema = schema["items"]
    return set(schema.get("enum", []))


@pytest.mark.parametrize(
    ("model", "field", "values"),
    [
        ("EnrolmentView", "status", {s.value for s in Status}),
        ("EnrolmentView", "outcome", set(Outcome.__args__)),
        ("OfferingView", "status", {s.value for s in OfferingStatus}),
        ("BenefitView", "category", {c.value for c in SupportCategory}),
        ("BenefitView", "benefit", {b.value for b in BenefitKind}),
        ("LearnerView", "sex", {s.value for s in Sex}),
        ("LearnerView", "learner_type", {t.value for t in LearnerType}),
        ("LearnerView", "support_categories", {c.value for c in SupportCategory}),
        ("LearnerView", "age_band", {label for _, _, label in AGE_BANDS}),
        ("LearnerView", "language", {"vi", "en"}),
        ("LearnerView", "consent", {c.value for c in Channel}),
    ],
)
def test_response_fields_with_a_fixed_set_of_values_are_enums_in_the_openapi_document(
    schemas, model, field, values
):
    assert _enum(schemas, model, field) == values

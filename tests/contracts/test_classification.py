"""Classification order, personal-data categories and consumer clearances."""

from contracts.classification import (
    VN_PERSONAL_DATA_REGULATION,
    Clearance,
    DataCategory,
    DataClassification,
    regulation_for,
)

PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED = DataClassification


def test_classifications_are_ordered() -> None:
    assert [c.rank for c in (PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED)] == [0, 1, 2, 3]
    assert CONFIDENTIAL.permits(INTERNAL) and CONFIDENTIAL.permits(CONFIDENTIAL)
    assert not INTERNAL.permits(RESTRICTED)


def test_personal_categories_carry_the_vietnamese_regulation() -> None:
    assert regulation_for(DataCategory.NON_PERSONAL) is None
    assert regulation_for(DataCategory.PERSONAL) == VN_PERSONAL_DATA_REGULATION == "VN-PDPL"
    assert regulation_for(DataCategory.SENSITIVE) == VN_PERSONAL_DATA_REGULATION


def test_clearance_needs_both_level_and_category() -> None:
    clearance = Clearance(INTERNAL, frozenset({DataCategory.NON_PERSONAL, DataCategory.PERSONAL}))
    assert clearance.allows(PUBLIC, DataCategory.NON_PERSONAL)
    assert clearance.allows(INTERNAL, DataCategory.PERSONAL)
    assert not clearance.allows(CONFIDENTIAL, DataCategory.NON_PERSONAL)
    assert not clearance.allows(INTERNAL, DataCategory.SENSITIVE)


def test_default_clearance_is_non_personal_only() -> None:
    clearance = Clearance(RESTRICTED)
    assert clearance.allows(RESTRICTED, DataCategory.NON_PERSONAL)
    assert not clearance.allows(PUBLIC, DataCategory.PERSONAL)

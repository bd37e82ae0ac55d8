"""Data classification and personal-data categories that every event declares, and consumer clearances."""

from dataclasses import dataclass, field
from enum import StrEnum

VN_PERSONAL_DATA_REGULATION = "VN-PDPL"
"""Regulation tag carried by events with personal data (header ``ce_dataregulation``).

Vietnam's Personal Data Protection Law No. 91/2025/QH15 (in force 1 January 2026) together with
Decree 13/2023/ND-CP on personal data protection, as far as the Decree still applies alongside the Law.
"""


class DataClassification(StrEnum):
    """How widely an event may be shared, from least to most restricted."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"

    @property
    def rank(self) -> int:
        """Position in the order public < internal < confidential < restricted."""
        return _CLASSIFICATION_ORDER.index(self)

    def permits(self, other: "DataClassification") -> bool:
        """True if a holder cleared up to this level may read data classified ``other``."""
        return other.rank <= self.rank


_CLASSIFICATION_ORDER = tuple(DataClassification)


class DataCategory(StrEnum):
    """Whether an event carries personal data, and if so whether it is sensitive.

    Sensitive personal data includes ethnicity, disability, health and household poverty status;
    a pseudonymous identifier is still personal data.
    """

    NON_PERSONAL = "non-personal"
    PERSONAL = "personal"
    SENSITIVE = "sensitive"

    @property
    def is_personal(self) -> bool:
        """True for personal and sensitive personal data."""
        return self is not DataCategory.NON_PERSONAL


def regulation_for(category: DataCategory) -> str | None:
    """The regulation tag an event of this category carries, or None for non-personal data."""
    return VN_PERSONAL_DATA_REGULATION if category.is_personal else None


@dataclass(frozen=True)
class Clearance:
    """What a consumer may read: a maximum classification and an explicit set of data categories."""

    max_classification: DataClassification
    categories: frozenset[DataCategory] = field(default=frozenset({DataCategory.NON_PERSONAL}))

    def allows(self, classification: DataClassification, category: DataCategory) -> bool:
        """True if data of this classification and category may be handed to the holder."""
        return self.max_classification.permits(classification) and category in self.categories

    def describe(self) -> str:
        """A short human description, used in rejection reasons."""
        categories = ", ".join(sorted(self.categories))
        return f"up to {self.max_classification}, categories {{{categories}}}"

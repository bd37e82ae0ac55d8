"""The reference tables a learner record is checked against, from the shipped reference data."""

import functools

from refdata.ethnic_groups import ethnic_groups
from refdata.units import hanoi_units_2025

from enrolment.domain.dimensions import ReferenceTables


@functools.cache
def reference_tables() -> ReferenceTables:
    """Hanoi's current units and the 54 ethnic groups (every group but the Kinh is a minority).

    No area of socio-economic difficulty is flagged yet: the official lists (extremely difficult villages,
    zone-III communes) were drawn on the pre-2025 communes and have not been mapped onto the current units.
    """
    groups = ethnic_groups()
    return ReferenceTables(
        localities=frozenset(hanoi_units_2025()),
        ethnic_groups=frozenset(groups),
        minority_groups=frozenset(code for code, group in groups.items() if group.is_minority),
    )

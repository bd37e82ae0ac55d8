"""The equity view: how far a group's rate stands from everyone's, in percentage points.

Computed from published figures only (so it reveals nothing a reader could not work out from the cells):
a gap is null when either rate is withheld or unknown.
"""


def gap(group_rate: float | None, total_rate: float | None) -> float | None:
    """The group's rate minus the total's, in percentage points; None when either is not published."""
    if group_rate is None or total_rate is None:
        return None
    return round(group_rate - total_rate, 4)

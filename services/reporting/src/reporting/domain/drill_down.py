"""Drill-down: which published cell is asked for, and the rows (filters) of the projections behind it.

A cell is named by the indicator, its breakdown and a group: for participation by locality a locality code
(or `all`), by age group an age group, by sex `<age group>/<sex>` (e.g. `15-64/female`); for the enrolment
indicator the row's group as published (a sex, a locality code, true/false, a support category, or `all`).
"""

from dataclasses import dataclass

from reporting.domain.participation import AGE_GROUPS, ALL, ALL_AGES, SEXES


class CellUnknown(LookupError):
    """The cell asked for is not one of the published table's cells."""

    status, title, kind = 404, "Cell not published", "cell-not-published"


@dataclass(frozen=True)
class ParticipantFilter:
    """The learners behind one participation cell: their age bands, sex columns and locality."""

    age_bands: tuple[str, ...]
    sexes: tuple[str, ...] | None
    """Published sex columns (female, male, other); None: every sex."""
    locality: str | None
    """A locality code; None: the whole city."""


def participant_filter(by: str, group: str) -> ParticipantFilter:
    """The filter of a participation cell; raises CellUnknown for a group the breakdown does not have."""
    if by == "locality":
        return ParticipantFilter(AGE_GROUPS[ALL_AGES], None, None if group == ALL else group)
    if by == "age_group" and group in AGE_GROUPS:
        return ParticipantFilter(AGE_GROUPS[group], None, None)
    age_group, _, sex = group.partition("/")
    if by == "sex" and age_group in AGE_GROUPS and sex in (*SEXES, ALL):
        return ParticipantFilter(AGE_GROUPS[age_group], None if sex == ALL else (sex,), None)
    raise CellUnknown(f"no cell {group!r} in the breakdown by {by}")


def participation_key(by: str, cell_age_group: str, cell_sex: str, cell_locality: str) -> str:
    """The group name of a published participation cell (the inverse of `participant_filter`)."""
    if by == "locality":
        return cell_locality
    if by == "age_group":
        return cell_age_group
    return f"{cell_age_group}/{cell_sex}"

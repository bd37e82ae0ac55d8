"""Hanoi's administrative units: the 126 wards and communes since 1 July 2025, and the former units."""

import functools
import unicodedata
from dataclasses import dataclass
from datetime import date

from refdata.tables import read_csv

UNITS_2025_VALID_FROM = date(2025, 7, 1)
"""Resolution 1656/NQ-UBTVQH15: Hanoi's commune-level units from this day; the district level is gone."""
CODE_SYSTEM_2025 = "gso-2025"
CODE_SYSTEM_PRE2025 = "gso-pre2025"


@dataclass(frozen=True)
class AdministrativeUnit:
    """One ward (phường) or commune (xã) with its GSO code, names and the code system it belongs to."""

    code: str
    name: str
    name_en: str
    full_name: str
    unit_type: str
    code_system: str


@dataclass(frozen=True)
class FormerDistrict:
    """A district-level unit before 1 July 2025."""

    code: str
    name: str
    name_en: str
    full_name: str


@functools.cache
def hanoi_units_2025() -> dict[str, AdministrativeUnit]:
    """The current units by code."""
    return {
        r["code"]: AdministrativeUnit(
            r["code"], r["name"], r["name_en"], r["full_name"], r["unit_type_en"].lower(), CODE_SYSTEM_2025
        )
        for r in read_csv("hanoi_units_2025.csv")
    }


@functools.cache
def hanoi_communes_pre2025() -> dict[str, AdministrativeUnit]:
    """The former commune-level units by code (valid until 30 June 2025)."""
    kinds = {"Phường": "ward", "Xã": "commune", "Thị trấn": "township"}
    return {
        r["code"]: AdministrativeUnit(
            r["code"], r["name"], r["name_en"], r["full_name"], kinds[r["unit_type_vi"]], CODE_SYSTEM_PRE2025
        )
        for r in read_csv("hanoi_communes_pre2025.csv")
    }


@functools.cache
def hanoi_districts_pre2025() -> dict[str, FormerDistrict]:
    """The former districts by code."""
    return {
        r["code"]: FormerDistrict(r["code"], r["name"], r["name_en"], r["full_name"])
        for r in read_csv("hanoi_districts_pre2025.csv")
    }


@functools.cache
def successors_of_pre2025() -> dict[str, tuple[str, ...]]:
    """Former commune code -> the current unit(s) it merged into. UNOFFICIAL (see SOURCES.md)."""
    out: dict[str, list[str]] = {}
    for r in read_csv("hanoi_units_2025_from_pre2025_UNOFFICIAL.csv"):
        out.setdefault(r["old_code"], []).append(r["new_code"])
    return {old: tuple(sorted(set(new))) for old, new in out.items()}


def search_key(name: str) -> str:
    """A key under which the two accepted tone-mark spellings (Hòa / Hoà) and letter case compare equal."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").replace("đ", "d")

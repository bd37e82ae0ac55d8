"""The catalogue's reference data: its domains (shipped with the service) and Hanoi's current units."""

import csv
import functools
from pathlib import Path

from refdata.units import hanoi_units_2025

from content.domain.reference import Reference

DOMAINS_CSV = Path(__file__).parent / "data" / "domains.csv"


@functools.cache
def domain_names() -> dict[str, tuple[str, str]]:
    """Each domain code with its Vietnamese and English name."""
    with DOMAINS_CSV.open(encoding="utf-8", newline="") as rows:
        return {r["code"]: (r["name_vi"], r["name_en"]) for r in csv.DictReader(rows)}


@functools.cache
def reference() -> Reference:
    """The domains and the 126 wards and communes in force since 1 July 2025."""
    return Reference(domains=frozenset(domain_names()), localities=frozenset(hanoi_units_2025()))

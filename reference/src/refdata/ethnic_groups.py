"""Vietnam's 54 ethnic groups in the GSO 2008 code order (Decision 1019/QĐ-TCTK)."""

import functools
from dataclasses import dataclass

from refdata.tables import read_csv

CODE_SYSTEM = "gso-2008"
KINH = "01"
"""The majority group; every other code is an ethnic minority."""


@dataclass(frozen=True)
class EthnicGroup:
    """One ethnic group; `very_small` marks the 16 groups named in Decree 57/2017/NĐ-CP."""

    code: str
    name_vi: str
    name_ascii: str
    very_small: bool

    @property
    def is_minority(self) -> bool:
        """True for every group but the Kinh."""
        return self.code != KINH


@functools.cache
def ethnic_groups() -> dict[str, EthnicGroup]:
    """The 54 groups by two-digit code."""
    return {
        r["code"]: EthnicGroup(
            r["code"], r["name_vi"], r["name_ascii"], r["very_small_group_nd57_2017"] == "true"
        )
        for r in read_csv("vn_ethnic_groups.csv")
    }

"""The content service's unit of work: the kit's transaction plus its repositories."""

from collections.abc import Sequence

from contracts.event import EventModel
from servicekit.db import UnitOfWork

from content.adapters.catalogue import SqlCatalogue
from content.adapters.contract_events import to_contract
from content.adapters.courses import SqlCourses
from content.adapters.materials import SqlMaterials
from content.adapters.offerings import SqlOfferings


class SqlUnitOfWork(UnitOfWork):
    """Adds courses, offerings, materials and the catalogue; maps domain events onto contract events."""

    @property
    def courses(self) -> SqlCourses:
        """Courses, on this transaction."""
        return SqlCourses(self)

    @property
    def offerings(self) -> SqlOfferings:
        """Offerings, on this transaction."""
        return SqlOfferings(self)

    @property
    def materials(self) -> SqlMaterials:
        """Materials, on this transaction."""
        return SqlMaterials(self)

    @property
    def catalogue(self) -> SqlCatalogue:
        """The public catalogue, on this transaction."""
        return SqlCatalogue(self)

    def contract_events(self, domain_event: object) -> Sequence[EventModel]:
        """Content's domain events as contract events."""
        return to_contract(domain_event)

"""The notifications service's unit of work: the kit's transaction plus its repository."""

from servicekit.db import UnitOfWork

from notifications.adapters.contacts import SqlContacts
from notifications.adapters.messages import SqlMessages


class SqlUnitOfWork(UnitOfWork):
    """Adds `messages` and `contacts` (notifications announces no events yet)."""

    @property
    def messages(self) -> SqlMessages:
        """Messages, on this transaction."""
        return SqlMessages(self)

    @property
    def contacts(self) -> SqlContacts:
        """Learners' contacts, on this transaction."""
        return SqlContacts(self)

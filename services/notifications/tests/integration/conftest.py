"""The notifications service, started once per test module."""

from collections.abc import AsyncIterator

import pytest_asyncio
from notifications.bootstrap import NotificationsSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def notifications(start_service) -> AsyncIterator:
    async with start_service(NotificationsSettings, bootstrap) as service:
        yield service

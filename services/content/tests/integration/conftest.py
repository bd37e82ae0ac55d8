"""The content service, started once per test module."""

from collections.abc import AsyncIterator

import pytest_asyncio
from content.bootstrap import ContentSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def content(start_service) -> AsyncIterator:
    async with start_service(ContentSettings, bootstrap) as service:
        yield service

"""The reporting service, started once per test module."""

from collections.abc import AsyncIterator

import pytest_asyncio
from reporting.bootstrap import ReportingSettings, bootstrap


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reporting(start_service) -> AsyncIterator:
    async with start_service(ReportingSettings, bootstrap) as service:
        yield service

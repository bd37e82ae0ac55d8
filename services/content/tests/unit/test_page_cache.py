"""Kept catalogue pages: one rendering per page and catalogue version, however many ask at once."""

import asyncio

from content.entrypoints.page_cache import PageCache, RenderedPage


class Catalogue:
    """A catalogue version that a test moves, and a rendering that counts its calls."""

    def __init__(self) -> None:
        self.at, self.renders = 1, 0

    async def version(self) -> int:
        return self.at

    async def render(self) -> RenderedPage:
        self.renders += 1
        await asyncio.sleep(0)  # others ask while this one renders
        return RenderedPage(f"v{self.at}".encode(), f'"{self.at}"')


async def test_many_asking_at_once_for_a_page_render_it_once():
    catalogue = Catalogue()
    pages = PageCache(8, catalogue.version)

    got = await asyncio.gather(*(pages.page("q", catalogue.render) for _ in range(20)))

    assert catalogue.renders == 1 and {p.body for p in got} == {b"v1"}


async def test_a_new_catalogue_version_renders_the_page_again():
    catalogue = Catalogue()
    pages = PageCache(8, catalogue.version)
    await pages.page("q", catalogue.render)

    catalogue.at = 2

    assert (await pages.page("q", catalogue.render)).body == b"v2" and catalogue.renders == 2


async def test_a_size_of_zero_keeps_nothing():
    catalogue = Catalogue()
    pages = PageCache(0, catalogue.version)

    await pages.page("q", catalogue.render)
    await pages.page("q", catalogue.render)

    assert catalogue.renders == 2


async def test_a_request_arriving_during_a_version_read_waits_for_a_read_that_began_after_it():
    catalogue, reading, release = Catalogue(), asyncio.Event(), asyncio.Event()
    reads: list[int] = []

    async def slow_version() -> int:
        reads.append(catalogue.at)
        reading.set()
        await release.wait()
        return reads[-1]

    pages = PageCache(8, slow_version)
    first = asyncio.ensure_future(pages.page("q", catalogue.render))
    await reading.wait()  # the first request's read has begun, at version 1
    catalogue.at = 2  # ...then a publish commits, then a second request arrives
    second = asyncio.ensure_future(pages.page("q", catalogue.render))
    await asyncio.sleep(0)
    release.set()

    assert (await first).body in (b"v1", b"v2") and (await second).body == b"v2"
    assert reads == [1, 2]


async def test_many_requests_during_one_version_read_share_the_next_read():
    catalogue, reads = Catalogue(), []

    async def version() -> int:
        reads.append(1)
        await asyncio.sleep(0)
        return catalogue.at

    pages = PageCache(8, version)
    await asyncio.gather(*(pages.page("q", catalogue.render) for _ in range(20)))

    assert len(reads) <= 2 and catalogue.renders == 1


async def test_a_failed_version_read_fails_every_request_that_shared_it():
    async def broken() -> int:
        await asyncio.sleep(0)
        raise ConnectionError

    pages = PageCache(8, broken)
    asked = (pages.page("q", Catalogue().render) for _ in range(5))
    got = await asyncio.gather(*asked, return_exceptions=True)

    assert all(isinstance(e, ConnectionError) for e in got)

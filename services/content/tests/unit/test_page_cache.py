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

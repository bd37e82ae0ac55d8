"""Catalogue queries the catalogue tests share: a fresh search word, and a search's items."""

import uuid


def word() -> str:
    """A made-up word no other test uses, so each test searches only its own courses."""
    return "zq" + uuid.uuid4().hex[:8]


async def search(content, **params) -> list[dict]:
    response = await content.client.get("/v1/courses", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]

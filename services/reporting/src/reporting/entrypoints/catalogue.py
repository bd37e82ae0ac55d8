"""The platform's event catalogue over HTTP: AsyncAPI as JSON and YAML, and a readable HTML page."""

import html
import json
from functools import cache
from typing import Any

import yaml
from contracts.asyncapi import asyncapi_document
from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter(tags=["catalogue"])
_Doc = dict[str, Any]


@cache
def _document() -> _Doc:
    return asyncapi_document()  # deterministic for the deployed contracts: built once


@router.get("/v1/catalogue/asyncapi.json", summary="AsyncAPI 3.0, JSON")
async def asyncapi_json() -> _Doc:
    """The AsyncAPI document of every topic, inbound and outbound (public, no token needed)."""
    return _document()


@router.get(
    "/v1/catalogue/asyncapi.yaml",
    summary="AsyncAPI 3.0, YAML",
    response_class=Response,
    responses={200: {"content": {"application/yaml": {"schema": {"type": "object"}}}}},
)
async def asyncapi_yaml() -> Response:
    """The same document as YAML."""
    text = yaml.safe_dump(_document(), sort_keys=False, allow_unicode=True)
    return Response(text, media_type="application/yaml")


@router.get("/catalogue", response_class=HTMLResponse, summary="Catalogue page")
async def catalogue_page() -> HTMLResponse:
    """A readable page: public inbound topics first, then each topic with its events and an example."""
    return HTMLResponse(render(_document()))


def render(doc: _Doc) -> str:
    """The HTML page of an AsyncAPI document (every text escaped)."""
    e = html.escape
    channels = sorted(doc["channels"].values(), key=lambda c: (not c.get("x-public"), c["address"]))
    body = "".join(_channel(doc, c) for c in channels if not c["address"].endswith(".dlq"))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(doc['info']['title'])}</title>"
        "<style>body{font-family:sans-serif;max-width:60rem;margin:auto}pre{background:#f4f4f4;padding:.5rem;"
        "overflow:auto}.public{color:#06c}</style></head><body>"
        f"<h1>{e(doc['info']['title'])} <small>{e(doc['info']['version'])}</small></h1>"
        f"<p>{e(doc['info']['description'])}</p><p>Machine-readable: "
        "<a href='/v1/catalogue/asyncapi.json'>JSON</a>, <a href='/v1/catalogue/asyncapi.yaml'>YAML</a>.</p>"
        f"{body}</body></html>"
    )


def _channel(doc: _Doc, channel: _Doc) -> str:
    e = html.escape
    tag = (
        " <span class='public'>(public, inbound: city systems write it)</span>"
        if channel.get("x-public")
        else ""
    )
    messages = [
        doc["components"]["messages"][ref["$ref"].rsplit("/", 1)[-1]] for ref in channel["messages"].values()
    ]
    return (
        f"<h2 id='{e(channel['address'])}'><code>{e(channel['address'])}</code>{tag}</h2>"
        f"<p>{e(channel['description'])}</p>" + "".join(_message(m) for m in messages)
    )


def _message(message: _Doc) -> str:
    e = html.escape
    example = message["examples"][0]
    headers = json.dumps(example["headers"], indent=2, ensure_ascii=False)
    payload = json.dumps(example["payload"], indent=2, ensure_ascii=False)
    return (
        f"<h3><code>{e(message['name'])}</code></h3><p>{e(message['description'])}</p>"
        f"<p>Required headers: {e(', '.join(message['headers']['required']))}</p>"
        f"<details><summary>Example</summary><pre>{e(headers)}</pre><pre>{e(payload)}</pre></details>"
    )

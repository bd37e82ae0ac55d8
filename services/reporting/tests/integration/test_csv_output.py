"""Every indicator endpoint answers CSV (`?format=csv` or `Accept: text/csv`): the same published cells."""

import csv
import io

import pytest

pytestmark = pytest.mark.integration

ENDPOINTS = [
    ("participation", {"by": "locality"}),
    ("enrolments", {"by": "sex"}),
    ("teacher-standard", {}),
    ("campaign-reach", {"by": "sex"}),
]


async def get(service, path: str, accept: str = "application/json", **params):
    headers = {**service.token("u-1", "leader"), "Accept": accept}
    response = await service.client.get(
        f"/v1/indicators/{path}", params={"until": "2026-07-01", **params}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response


def as_text(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize(("path", "params"), ENDPOINTS)
@pytest.mark.parametrize("ask", ["query", "accept"])
async def test_csv_rows_are_the_published_cells(reporting, path, params, ask):
    cells = (await get(reporting, path, **params)).json()["cells"]

    response = (
        await get(reporting, path, format="csv", **params)
        if ask == "query"
        else await get(reporting, path, accept="text/csv", **params)
    )

    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(cells)
    for row, cell in zip(rows, cells, strict=True):
        assert {k: row[k] for k in cell} == {k: as_text(v) for k, v in cell.items()}
        assert row["denominator_illustrative"] == "False" and row["until"] == "2026-07-01"


async def test_an_unknown_format_is_a_422(reporting, problem):
    response = await reporting.client.get(
        "/v1/indicators/enrolments",
        params={"by": "sex", "format": "xml"},
        headers=reporting.token("u-1", "leader"),
    )
    problem(response, 422)

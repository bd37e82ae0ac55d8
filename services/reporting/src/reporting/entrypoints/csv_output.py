"""CSV output of the indicator endpoints: `?format=csv` or `Accept: text/csv`, one row per published cell."""

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from pydantic import BaseModel

CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The cells as CSV"}
}
"""The OpenAPI entry of the CSV form of an indicator's 200 response."""


def wants_csv(
    request: Request,
    format: Annotated[
        Literal["json", "csv"] | None,
        Query(description="json (default) or csv; without it, an Accept of text/csv asks for CSV"),
    ] = None,
) -> bool:
    """True when the caller asked for CSV: by the query parameter first, else by the Accept header."""
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def csv_response(view: BaseModel) -> Response:
    """The view's cells as CSV rows, each with the view's scalar fields (indicator, period, building block,
    denominator) so that a row read alone still says what it counts."""
    body = view.model_dump(mode="json")
    cells: list[dict[str, Any]] = body.pop("cells")
    denominator = body.pop("denominator", None) or {}
    context = {k: v for k, v in body.items() if not isinstance(v, dict | list)}
    context |= {f"denominator_{k}": v for k, v in denominator.items()}
    rows = [{**context, **cell} for cell in cells]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*context, *(cells[0] if cells else {})], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    name = f"{context.get('indicator', 'indicator')}.csv".replace(" ", "-")
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=disposition)

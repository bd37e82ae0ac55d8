"""Reads the shipped CSV tables."""

import csv
import io
from importlib import resources


def read_csv(filename: str) -> list[dict[str, str]]:
    """The rows of `refdata/data/<filename>` as dicts."""
    text = resources.files("refdata").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))

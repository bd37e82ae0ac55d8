"""Front-end kit: every service's OpenAPI passes a real linter; the committed TypeScript types are fresh."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "clients"
DOCUMENTS = sorted((ROOT / "docs" / "openapi").glob("*.json"))
BIN = CLIENTS / "node_modules" / ".bin"


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed: run `make tools` (npm ci in clients/)"
    return str(path)


def lint(*documents: Path) -> subprocess.CompletedProcess[str]:
    command = [tool("redocly"), "lint", "--config", str(CLIENTS / "redocly.yaml"), *map(str, documents)]
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "NO_UPDATE_NOTIFIER": "1", "CI": "1"}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)


def test_every_services_openapi_document_passes_the_linter():
    assert len(DOCUMENTS) == 4
    result = lint(*DOCUMENTS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_refuses_a_plain_fastapi_document(tmp_path: Path):
    app = FastAPI(title="plain", version="1")

    @app.get("/v1/courses")
    async def list_courses() -> list[str]:
        return []

    document = tmp_path / "plain.json"
    document.write_text(json.dumps(app.openapi()))
    result = lint(document)
    assert result.returncode != 0
    for rule in ("rule/operation-id-readable", "security-defined", "no-empty-servers"):
        assert rule in result.stdout + result.stderr


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.stem)
def test_committed_typescript_types_are_generated_from_the_current_document(document: Path, tmp_path: Path):
    fresh = tmp_path / f"{document.stem}.d.ts"
    command = [tool("openapi-typescript"), str(document), "-o", str(fresh)]
    subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    committed = CLIENTS / f"{document.stem}.d.ts"
    assert committed.exists() and committed.read_text() == fresh.read_text(), "run `make openapi` and commit"


def test_generated_types_compile_and_type_every_error_as_a_problem():
    declarations = sorted(CLIENTS.glob("*.d.ts"))
    assert [d.stem.removesuffix(".d") for d in declarations] == [d.stem for d in DOCUMENTS]
    command = [tool("tsc"), "--noEmit", "--strict", *map(str, declarations)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout
    problem = '"application/problem+json": components["schemas"]["Problem"]'
    assert all(problem in d.read_text() for d in declarations)

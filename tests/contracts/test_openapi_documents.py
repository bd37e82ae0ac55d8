"""The committed OpenAPI documents match the services' apps."""

from localinfra.openapi_export import stale


def test_committed_openapi_documents_are_current():
    assert stale() == [], "run `make openapi` and commit docs/openapi/"

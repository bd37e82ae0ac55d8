"""xAPI statement rules (pure): batch size, what counts as the same statement."""

import json

import pytest
from reporting.app.xapi_statements import StoreStatements, store_statements
from reporting.domain.xapi import StatementRefused, content_hash
from servicekit.ports import Dependencies


async def test_more_than_a_hundred_statements_are_refused_before_anything_is_opened():
    with pytest.raises(StatementRefused, match="1 to 100"):
        await store_statements(StoreStatements("city-lms", [{}] * 101), None, Dependencies())  # type: ignore[arg-type]


def test_what_the_lrs_adds_does_not_change_a_statements_content():
    sent = {"id": "x", "verb": {"id": "http://v"}, "actor": {"mbox": "mailto:a@b.c"}}
    assert content_hash(sent) == content_hash({**sent, "stored": "2027-01-01T00:00:00Z", "version": "1.0.3"})
    assert content_hash(sent) != content_hash({**sent, "verb": {"id": "http://w"}})


def test_an_agent_filter_keeps_its_one_identifier_and_refuses_none_or_two():
    from reporting.domain.xapi_query import QueryRefused, agent_filter

    account = {"homePage": "https://lms.example", "name": "ann"}
    assert agent_filter('{"objectType": "Agent", "name": "Ann", "mbox": "mailto:a@b.c"}') == {
        "mbox": "mailto:a@b.c"
    }
    assert agent_filter('{"account": ' + json.dumps({**account, "x": 1}) + "}") == {"account": account}
    for bad in (
        '{"name": "Ann"}',
        '{"mbox": "mailto:a@b.c", "openid": "https://id"}',
        "[]",
        "{",
        '{"account": {}}',
    ):
        with pytest.raises(QueryRefused):
            agent_filter(bad)


def test_a_query_caps_its_page_and_refuses_a_verb_that_is_not_an_iri():
    from reporting.domain.xapi_query import MAX_PAGE, QueryRefused, StatementQuery

    assert StatementQuery(None, limit=0).limit == MAX_PAGE
    assert StatementQuery(None, limit=5000).limit == MAX_PAGE
    assert StatementQuery(None, limit=7).limit == 7
    with pytest.raises(QueryRefused):
        StatementQuery(None, verb="completed")

"""Front-end clients get the indicator's closed vocabularies as enums, not plain strings."""

from reporting.domain.participation import AGE_GROUPS, ALL, SEXES
from reporting.entrypoints.indicator_views import ParticipationCell, ParticipationView


def test_age_group_and_sex_are_enums_in_the_published_schema():
    cell = ParticipationCell.model_json_schema()["properties"]
    assert cell["age_group"]["enum"] == ["15-24", "25-54", "55-64", "15-64"]
    assert cell["sex"]["enum"] == ["female", "male", "other", "all"]


def test_the_indicator_is_a_constant():
    assert ParticipationView.model_json_schema()["properties"]["indicator"]["const"] == "SDG 4.3.1"


def test_the_enums_name_every_value_the_domain_publishes():
    cell = ParticipationCell.model_json_schema()["properties"]
    assert set(cell["age_group"]["enum"]) == set(AGE_GROUPS)
    assert set(cell["sex"]["enum"]) == {*SEXES, ALL}
